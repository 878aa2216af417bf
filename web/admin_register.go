package web

import (
	"errors"
	"net/http"
	"strconv"

	"shebao"
	"shebao/billing"
	"shebao/i18n"
	"shebao/register"
)

// registerBodyLimit bounds an upload of the register page: a small office's
// register, or a trial part of a large one (the whole district goes
// through `shebao import register`, docs/MIGRATION.md).
const registerBodyLimit = 32 << 20

// registerData is the going-live page (/admin/register): the readiness
// check, policy years, the register import and the operators' letters.
type registerData struct {
	Checks   []checkRow
	Ready    bool
	Report   *register.Report
	Problems []problemRow
	Years    []string // messages of a refused policy file, or of the years saved
	Message  string
}

type checkRow struct {
	register.Check
	Label, Detail string
}

type problemRow struct {
	register.Problem
	Message string
}

// readiness returns the readiness check's rows in lang.
func (h *handler) readiness(r *http.Request, u user) ([]checkRow, bool, error) {
	cs, err := h.svc.Register.Readiness(r.Context(), u.Actor, h.svc.Setup)
	if err != nil {
		return nil, false, err
	}
	lang := h.lang(r)
	rows := make([]checkRow, len(cs))
	for i, c := range cs {
		k := "golive.check." + c.Key
		detail := k + ".missing"
		if c.OK {
			detail = k + ".ok"
		}
		rows[i] = checkRow{Check: c, Label: i18n.T(lang, k), Detail: i18n.T(lang, detail, c.Args...)}
	}
	return rows, register.Ready(cs), nil
}

// adminRegister shows the going-live page (GET /admin/register).
func (h *handler) adminRegister(w http.ResponseWriter, r *http.Request, u user) error {
	return h.renderRegister(w, r, u, http.StatusOK, registerData{})
}

func (h *handler) renderRegister(w http.ResponseWriter, r *http.Request, u user, status int, d registerData) error {
	var err error
	if d.Checks, d.Ready, err = h.readiness(r, u); err != nil {
		return err
	}
	v := h.userView(r, u, "golive.page.title")
	v.Data = d
	return h.render(w, r, status, "admin_register", v)
}

// adminRegisterImport runs a dry run (apply=0) or the import (apply=1) of
// the uploaded register files (POST /admin/register, multipart, "files").
func (h *handler) adminRegisterImport(w http.ResponseWriter, r *http.Request, u user) error {
	if r.MultipartForm == nil || len(r.MultipartForm.File["files"]) == 0 {
		return h.renderRegister(w, r, u, http.StatusUnprocessableEntity, registerData{Message: i18n.T(h.lang(r), "golive.page.no_files")})
	}
	var files []register.File
	for _, fh := range r.MultipartForm.File["files"] {
		f, err := fh.Open()
		if err != nil {
			return err
		}
		defer f.Close()
		files = append(files, register.File{Name: fh.Filename, Data: f})
	}
	rep, err := h.svc.Register.Import(r.Context(), u.Actor, files, r.PostForm.Get("apply") == "1")
	if err != nil {
		return err
	}
	d := registerData{Report: &rep}
	lang := h.lang(r)
	for _, p := range rep.Problems {
		d.Problems = append(d.Problems, problemRow{Problem: p, Message: i18n.T(lang, "reason."+p.Reason, p.Args...)})
	}
	status := http.StatusOK
	if rep.Errors > 0 {
		status = http.StatusUnprocessableEntity
	}
	return h.renderRegister(w, r, u, status, d)
}

// adminRegisterPolicies imports a file of policy years (POST
// /admin/register/policies, multipart, "file").
func (h *handler) adminRegisterPolicies(w http.ResponseWriter, r *http.Request, u user) error {
	lang := h.lang(r)
	file, _, err := r.FormFile("file")
	if err != nil {
		return h.renderRegister(w, r, u, http.StatusUnprocessableEntity, registerData{Message: i18n.T(lang, "golive.page.no_files")})
	}
	defer file.Close()
	rep, errs := h.svc.Billing.ImportPolicyYears(r.Context(), u.Actor, file)
	var d registerData
	for _, e := range errs {
		if shebao.ErrorCode(e) != shebao.EINVALID {
			return e
		}
		msg := i18n.Error(lang, e)
		var ye *billing.YearError
		if errors.As(e, &ye) {
			msg = strconv.Itoa(ye.Year) + i18n.T(lang, "sep.colon") + msg
		}
		d.Years = append(d.Years, msg)
	}
	if len(errs) > 0 {
		return h.renderRegister(w, r, u, http.StatusUnprocessableEntity, d)
	}
	for _, p := range rep.Saved {
		d.Years = append(d.Years, i18n.T(lang, "golive.page.year_saved", strconv.Itoa(p.Year), strconv.Itoa(p.Version)))
	}
	for _, y := range rep.Unchanged {
		d.Years = append(d.Years, i18n.T(lang, "golive.page.year_unchanged", strconv.Itoa(y)))
	}
	return h.renderRegister(w, r, u, http.StatusOK, d)
}

// adminLetters issues the next round of operators' letters and answers
// with them as a printable page (POST /admin/register/letters). The page
// is the only place their passwords appear: it is not stored or cached.
func (h *handler) adminLetters(w http.ResponseWriter, r *http.Request, u user) error {
	letters, err := h.svc.Register.IssueLetters(r.Context(), u.Actor, register.MaxLetters, h.svc.Auth.Cost)
	if err != nil {
		return err
	}
	if len(letters) == 0 {
		return h.renderRegister(w, r, u, http.StatusOK, registerData{Message: i18n.T(h.lang(r), "golive.page.no_letters")})
	}
	base := "https://" + r.Host
	if r.TLS == nil {
		base = "http://" + r.Host
	}
	if pub := h.svc.Setup.PublicURL; pub != "" {
		base = pub
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return register.WriteLetters(w, h.lang(r), base, letters)
}

// adminOperatorsBook downloads the office's workbook of operator accounts,
// without passwords (GET /admin/register/operators.xlsx).
func (h *handler) adminOperatorsBook(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyRoles(u, shebao.RoleAdmin); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="operators.xlsx"`)
	return h.svc.Register.WriteWorkbook(r.Context(), u.Actor, h.lang(r), w)
}

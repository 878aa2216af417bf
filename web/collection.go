package web

import (
	"mime"
	"net/http"

	"shebao"
	"shebao/billing"
	"shebao/collection"
	"shebao/i18n"
	"shebao/sheet"
)

// collectionData is the collection page's data (staff).
type collectionData struct {
	Period  string
	Report  *collection.Report
	Message string // an error of the whole file
}

// collection shows the collection page (GET /collection): the list of a
// closed month to download and the form for the collector's result file.
func (h *handler) collection(w http.ResponseWriter, r *http.Request, u user) error {
	if u.Role != shebao.RoleClerk && u.Role != shebao.RoleAdmin {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	d := collectionData{Period: r.URL.Query().Get("period")}
	if d.Period == "" {
		if p, err := h.svc.Billing.CurrentPeriod(r.Context()); err == nil {
			d.Period = p.Prev().String()
		}
	}
	return h.renderCollection(w, r, u, http.StatusOK, d)
}

func (h *handler) renderCollection(w http.ResponseWriter, r *http.Request, u user, status int, d collectionData) error {
	v := h.userView(r, u, "collection.title")
	v.Data = d
	return h.render(w, r, status, "collection", v)
}

// collectionList streams a closed month's list (GET
// /collection/list?period=YYYY-MM&format=csv|xlsx).
func (h *handler) collectionList(w http.ResponseWriter, r *http.Request, u user) error {
	p, err := billing.ParsePeriod(r.URL.Query().Get("period"), "period")
	if err != nil {
		return err
	}
	svc := h.svc.Collection
	write, ext, ctype := svc.WriteCSV, "csv", "text/csv; charset=utf-8"
	if r.URL.Query().Get("format") == "xlsx" {
		write, ext, ctype = svc.WriteXLSX, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	// Refuse before the first byte: once streaming, the status is sent.
	if err := svc.CanList(r.Context(), u.Actor, p); err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": "托收清单-" + p.String() + "." + ext}))
	if _, err := write(r.Context(), u.Actor, p, w); err != nil {
		// Cut the connection: the browser must not save half a list as a whole one.
		h.log.Error("collection list cut short", "period", p, "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// collectionResults checks (button "check") or applies (button "apply")
// an uploaded result file and shows every row's outcome (POST
// /collection/results, multipart: period, file, action).
func (h *handler) collectionResults(w http.ResponseWriter, r *http.Request, u user) error {
	d := collectionData{Period: r.PostForm.Get("period")}
	fail := func(err error) error {
		if shebao.ErrorCode(err) != shebao.EINVALID && shebao.ErrorCode(err) != shebao.EREFUSED {
			return err
		}
		d.Message = i18n.Error(h.lang(r), err)
		return h.renderCollection(w, r, u, http.StatusUnprocessableEntity, d)
	}
	p, err := billing.ParsePeriod(d.Period, "period")
	if err != nil {
		return fail(err)
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		return fail(shebao.Invalid("file", sheet.ReasonUnreadable))
	}
	defer file.Close()
	data, err := sheet.ReadAll(file, sheet.Default.File)
	if err != nil {
		return fail(err)
	}
	rep, err := h.svc.Collection.Import(r.Context(), u.Actor, p, data, r.PostForm.Get("action") == "apply")
	if err != nil {
		return fail(err)
	}
	d.Report = &rep
	status := http.StatusOK
	if rep.Errors > 0 {
		status = http.StatusUnprocessableEntity
	}
	return h.renderCollection(w, r, u, status, d)
}

package web

import (
	"net/http"
	"net/url"
	"strconv"

	"shebao"
	"shebao/batch"
)

// batchBodyLimit bounds the body of a batch upload (POST /batches): the
// workbook's limit and room for the multipart envelope. middleware.go
// applies it instead of maxBody on that route.
const batchBodyLimit = batch.MaxUploadBytes + 64<<10

// batchesData is the batch page's data: the upload form and the batches
// uploaded so far.
type batchesData struct {
	formState
	Staff      bool
	CreditCode string
	Kind       string
	Kinds      []shebao.BatchKind
	MaxMB      int
	MaxRows    int
	Batches    []shebao.Batch
	Pager      pager
}

// batchFields are the upload form's fields, for placing messages.
var batchFields = []string{"kind", "file", "credit_code"}

// batches shows the templates, the upload form and the batches uploaded
// (GET /batches).
func (h *handler) batches(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.newBatches(u)
	if err != nil {
		return err
	}
	d.Kind = string(shebao.BatchEnroll)
	if k, err := batch.ParseKind(r.URL.Query().Get("kind")); err == nil {
		d.Kind = string(k) // a link may choose the kind (the declaration page's)
	}
	return h.renderBatches(w, r, u, http.StatusOK, d)
}

func (h *handler) newBatches(u user) (batchesData, error) {
	if !canSubmit(u.Role) {
		return batchesData{}, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	return batchesData{Staff: u.Role.IsStaff(), Kinds: batch.Kinds,
		MaxMB: batch.MaxUploadBytes >> 20, MaxRows: batch.MaxRows}, nil
}

func (h *handler) renderBatches(w http.ResponseWriter, r *http.Request, u user, status int, d batchesData) error {
	page := pageParam(r)
	list, total, err := h.svc.Batches.List(r.Context(), u.Actor, 0, pageSize, (page-1)*pageSize)
	if err != nil {
		return err
	}
	d.Batches = list
	d.Pager = newPager("/batches", url.Values{}, page, total)
	v := h.userView(r, u, "batch.title")
	v.Data = d
	return h.render(w, r, status, "batches", v)
}

// batchUpload reads an uploaded workbook, checks every row (the dry run)
// and shows the batch (POST /batches, multipart: kind, file, and
// credit_code for staff).
func (h *handler) batchUpload(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.newBatches(u)
	if err != nil {
		return err
	}
	d.Kind = r.PostForm.Get("kind")
	kind, err := batch.ParseKind(d.Kind)
	var unitID int64
	if err == nil && d.Staff {
		if d.CreditCode, err = required(r, "credit_code", maxField); err == nil {
			var unit shebao.Unit
			unit, err = h.unitByCreditCode(r, u.Actor, d.CreditCode)
			unitID = unit.ID
		}
	}
	if err != nil {
		return h.batchError(w, r, u, d, err)
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		return h.batchError(w, r, u, d, shebao.Invalid("file", batch.ReasonFileMissing))
	}
	defer file.Close()
	data, err := batch.ReadUpload(file)
	if err != nil {
		return h.batchError(w, r, u, d, err)
	}
	b, err := h.svc.Batches.Upload(r.Context(), u.Actor, unitID, kind, header.Filename, data)
	if err != nil {
		return h.batchError(w, r, u, d, err)
	}
	http.Redirect(w, r, "/batches/"+strconv.FormatInt(b.ID, 10), http.StatusSeeOther)
	return nil
}

// batchError shows the upload form again with the message beside the
// field at fault, or passes other errors to the adapter.
func (h *handler) batchError(w http.ResponseWriter, r *http.Request, u user, d batchesData, err error) error {
	if shebao.ErrorCode(err) != shebao.EINVALID || !d.setError(h.lang(r), err, batchFields...) {
		return err
	}
	return h.renderBatches(w, r, u, http.StatusUnprocessableEntity, d)
}

// batchSizeGuard refuses an upload whose declared length is above the
// limit before anything of it is read, with the limit in the message.
func (h *handler) batchSizeGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > batchBodyLimit {
			h.fail(w, r, batch.TooLarge())
			return
		}
		next.ServeHTTP(w, r)
	})
}

// batchTemplate downloads a kind's template (GET /batch-templates/{kind}).
func (h *handler) batchTemplate(w http.ResponseWriter, r *http.Request, u user) error {
	kind, err := batch.ParseKind(r.PathValue("kind"))
	if err != nil {
		return errNotFound
	}
	data, err := batch.Template(kind)
	if err != nil {
		return err
	}
	names := map[shebao.BatchKind]string{shebao.BatchEnroll: "批量参保模板.xlsx",
		shebao.BatchStop: "批量停保模板.xlsx", shebao.BatchDeclare: "批量基数申报模板.xlsx"}
	writeXLSX(w, "batch-"+string(kind)+".xlsx", url.PathEscape(names[kind]), data)
	return nil
}

// writeXLSX sends a workbook as a download named ascii (and utf8, already
// percent-encoded, for browsers that read filename*).
func writeXLSX(w http.ResponseWriter, ascii, utf8 string, data []byte) {
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	cd := `attachment; filename="` + ascii + `"`
	if utf8 != "" {
		cd += `; filename*=UTF-8''` + utf8
	}
	w.Header().Set("Content-Disposition", cd)
	_, _ = w.Write(data) // the client may have gone
}

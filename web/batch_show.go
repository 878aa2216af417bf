package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"shebao"
	"shebao/batch"
)

// maxProblemRows bounds the rows the batch page lists; the workbook has all.
const maxProblemRows = 200

// stallAfter is how long an applying batch may go without progress before
// the page offers to resume it.
const stallAfter = 30 * time.Second

// batchData is the data of one batch's page.
type batchData struct {
	Batch    shebao.Batch
	Problems []batchRowView
	More     int
	Cost     shebao.Fen // employer + employee
	Bad      int        // rows refused or malformed
	CanApply bool
	Applying bool
	Stalled  bool
}

// batchRowView is one row as the page lists it.
type batchRowView struct {
	Row     int
	ID      string
	Name    string
	Outcome shebao.BatchOutcome
	Text    string
}

// batchShow shows a batch: the dry run's summary, the rows that cannot be
// handled, the apply form, the progress while it is applied, and the
// download of the annotated workbook (GET /batches/{id}).
func (h *handler) batchShow(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	b, rows, err := h.svc.Batches.Rows(r.Context(), u.Actor, id)
	if err != nil {
		return err
	}
	lang := h.lang(r)
	d := batchData{Batch: b, Cost: b.CostEmployer + b.CostEmployee, Bad: b.Refused + b.Malformed,
		CanApply: canSubmit(u.Role) && b.Status == shebao.BatchChecked && b.OK > 0,
		Applying: b.Status == shebao.BatchApplying}
	if d.Applying && !h.svc.Batches.Running(b.ID) && h.clock.Now().Sub(b.UpdatedAt) > stallAfter {
		d.Stalled, d.CanApply = true, canSubmit(u.Role)
	}
	for _, row := range rows {
		if row.Outcome != shebao.RowRefused && row.Outcome != shebao.RowMalformed {
			continue
		}
		if len(d.Problems) == maxProblemRows {
			d.More++
			continue
		}
		d.Problems = append(d.Problems, batchRowView{Row: row.Row, ID: shebao.MaskIDNumber(row.IDNumber),
			Name: row.Name, Outcome: row.Outcome, Text: batch.RowText(lang, row)})
	}
	v := h.userView(r, u, "batch.title")
	if d.Applying && !d.Stalled {
		v.Refresh = 2
	}
	v.Data = d
	return h.render(w, r, http.StatusOK, "batch", v)
}

// batchApply is the operator's word (POST /batches/{id}/apply, with
// all_or_nothing=1 for all rows or none) through batch.Service.Begin: a
// small batch is applied before the page comes back; a big one in the
// background, and the page shows its progress. Asking twice never handles
// a row twice.
func (h *handler) batchApply(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	if _, err := h.svc.Batches.Begin(r.Context(), u.Actor, id, r.PostForm.Get("all_or_nothing") == "1"); err != nil {
		return err
	}
	http.Redirect(w, r, "/batches/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

// batchWorkbook downloads the workbook with each row's status and result
// in the user's language (GET /batches/{id}/workbook.xlsx).
func (h *handler) batchWorkbook(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	data, b, err := h.svc.Batches.Workbook(r.Context(), u.Actor, id, h.lang(r))
	if err != nil {
		return err
	}
	name := "batch-" + strconv.FormatInt(b.ID, 10) + ".xlsx"
	writeXLSX(w, name, url.PathEscape(resultName(b)), data)
	return nil
}

// resultName is the download's name: the uploaded file's with a suffix.
func resultName(b shebao.Batch) string {
	base := b.FileName
	if len(base) > 5 && base[len(base)-5:] == ".xlsx" {
		base = base[:len(base)-5]
	}
	if base == "" {
		base = "batch-" + strconv.FormatInt(b.ID, 10)
	}
	return base + "-结果.xlsx"
}

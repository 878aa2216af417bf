package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"shebao"
	"shebao/batch"
)

// maxShownRows bounds the rows the batch page lists; the workbook has all.
const maxShownRows = 500

// stallAfter is how long an applying batch may go without progress before
// the page offers to resume it.
const stallAfter = 30 * time.Second

// batchData is the data of one batch's page.
type batchData struct {
	Batch shebao.Batch
	Rows  []batchRowView // every row, or only the problems (ProblemsOnly)
	More  int            // rows not listed beyond maxShownRows
	// ProblemsOnly: the page lists only the rows that cannot be handled
	// (?show=problems).
	ProblemsOnly bool
	Cost         shebao.Fen // employer + employee
	Bad          int        // rows refused or malformed
	CanApply     bool
	Applying     bool
	Stalled      bool
}

// batchRowView is one row as the page lists it.
type batchRowView struct {
	Row     int
	ID      string
	Name    string
	Outcome shebao.BatchOutcome
	Bad     bool       // refused or malformed
	Base    shebao.Fen // a good row's base, 0 otherwise
	Clamp   string
	Monthly shebao.Fen // a good row's monthly cost (employer + employee; the change for a declaration)
	Text    string
}

// batchShow shows a batch: the dry run's summary, every row (the good ones
// with their base, clamp and monthly cost; ?show=problems for the rows
// that cannot be handled only), the apply form, the progress while it is applied, and the
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
	d.ProblemsOnly = r.URL.Query().Get("show") == "problems"
	for _, row := range rows {
		bad := row.Outcome == shebao.RowRefused || row.Outcome == shebao.RowMalformed
		if d.ProblemsOnly && !bad {
			continue
		}
		if len(d.Rows) == maxShownRows {
			d.More++
			continue
		}
		view := batchRowView{Row: row.Row, ID: shebao.MaskIDNumber(row.IDNumber), Name: row.Name,
			Outcome: row.Outcome, Bad: bad, Text: batch.RowText(lang, row)}
		if !bad {
			view.Base, view.Clamp, view.Monthly = row.Base, row.Clamp, row.Employer+row.Employee
		}
		d.Rows = append(d.Rows, view)
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

// batchFailed downloads only the rows that cannot be handled, ready to
// fix and upload again (GET /batches/{id}/failed.xlsx).
func (h *handler) batchFailed(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	data, b, err := h.svc.Batches.Failed(r.Context(), u.Actor, id, h.lang(r))
	if err != nil {
		return err
	}
	name := "batch-" + strconv.FormatInt(b.ID, 10) + "-failed.xlsx"
	writeXLSX(w, name, url.PathEscape(failedName(b)), data)
	return nil
}

// failedName is the failed rows' download name: the uploaded file's with
// a suffix.
func failedName(b shebao.Batch) string {
	return strings.TrimSuffix(resultName(b), "-结果.xlsx") + "-待修改.xlsx"
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

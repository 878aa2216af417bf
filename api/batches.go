package api

import (
	"context"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"shebao"
	"shebao/batch"
	"shebao/i18n"
)

// batchBodyLimit bounds a batch upload's body: the workbook's limit and
// room for the multipart envelope.
const batchBodyLimit = batch.MaxUploadBytes + 64<<10

// batchJSON is a batch with its rows.
type batchJSON struct {
	ID              int64          `json:"id"`
	UnitID          int64          `json:"unit_id"`
	Kind            string         `json:"kind"`
	FileName        string         `json:"file_name"`
	Status          string         `json:"status"`
	AllOrNothing    bool           `json:"all_or_nothing"`
	Rows            int            `json:"rows"`
	OK              int            `json:"ok"`
	Refused         int            `json:"refused"`
	Malformed       int            `json:"malformed"`
	Applied         int            `json:"applied"`
	Done            int            `json:"done"`
	CostEmployerFen int64          `json:"cost_employer_fen"`
	CostEmployeeFen int64          `json:"cost_employee_fen"`
	CreatedAt       string         `json:"created_at"`
	RowResults      []batchRowJSON `json:"row_results,omitempty"`
}

// batchRowJSON is one row of a batch with its outcome and message.
type batchRowJSON struct {
	Row            int    `json:"row"`
	IDNumberMasked string `json:"id_number_masked"`
	Type           string `json:"type,omitempty"`
	Outcome        string `json:"outcome"`
	Column         string `json:"column,omitempty"`
	Reason         string `json:"reason,omitempty"`
	Message        string `json:"message"`
	Period         string `json:"period,omitempty"`
	BaseFen        int64  `json:"base_fen,omitempty"`
	MonthlyFen     int64  `json:"monthly_fen"`
	Receipt        string `json:"receipt,omitempty"`
}

func batchOf(b shebao.Batch, rows []shebao.BatchRow, lang i18n.Lang) batchJSON {
	out := batchJSON{ID: b.ID, UnitID: b.UnitID, Kind: string(b.Kind), FileName: b.FileName, Status: string(b.Status),
		AllOrNothing: b.AllOrNothing, Rows: b.Rows, OK: b.OK, Refused: b.Refused, Malformed: b.Malformed,
		Applied: b.Applied, Done: b.Done, CostEmployerFen: int64(b.CostEmployer), CostEmployeeFen: int64(b.CostEmployee),
		CreatedAt: timeJSON(b.CreatedAt)}
	for _, r := range rows {
		j := batchRowJSON{Row: r.Row, IDNumberMasked: maskID(r.IDNumber), Type: string(r.Type), Outcome: string(r.Outcome),
			Column: r.Column, Reason: r.Reason, Message: batch.RowText(lang, r), BaseFen: int64(r.Base),
			MonthlyFen: int64(r.Employer + r.Employee), Receipt: r.Receipt}
		if r.Period != 0 {
			j.Period = r.Period.String()
		}
		out.RowResults = append(out.RowResults, j)
	}
	return out
}

// uploadBatch checks an uploaded workbook row by row and stores it as a
// batch, applying nothing (POST /api/v1/batches, multipart/form-data with
// the fields kind, file and, for staff, unit_id). 201 with the batch and
// every row's outcome.
func (s *server) uploadBatch(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	if r.ContentLength > batchBodyLimit {
		return batch.TooLarge()
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
		return invalid("body", ReasonContentType)
	}
	r.Body = http.MaxBytesReader(w, r.Body, batchBodyLimit)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return batch.TooLarge()
		}
		return invalid("body", ReasonJSONMalformed)
	}
	kind, err := batch.ParseKind(r.FormValue("kind"))
	if err != nil {
		return err
	}
	var unitID int64
	if v := strings.TrimSpace(r.FormValue("unit_id")); v != "" {
		if unitID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return invalid("unit_id", ReasonJSONInteger)
		}
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		return invalid("file", batch.ReasonFileMissing)
	}
	defer file.Close()
	data, err := batch.ReadUpload(file)
	if err != nil {
		return err
	}
	b, err := s.svc.Batches.Upload(r.Context(), a, unitID, kind, header.Filename, data)
	if err != nil {
		return renameField(err, map[string]string{"unit": "unit_id"})
	}
	return s.writeBatch(w, r, a, b.ID, http.StatusCreated)
}

// getBatch returns a batch with every row's outcome (GET /api/v1/batches/{id}).
func (s *server) getBatch(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound}
	}
	return s.writeBatch(w, r, a, id, http.StatusOK)
}

func (s *server) writeBatch(w http.ResponseWriter, r *http.Request, a shebao.Actor, id int64, status int) error {
	b, rows, err := s.svc.Batches.Rows(r.Context(), a, id)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, status, batchOf(b, rows, langOf(r)))
	return nil
}

// applyBatch applies a checked batch (POST /api/v1/batches/{id}/apply,
// body {"all_or_nothing": bool}, optional) through batch.Service.Begin, as
// the pages do: 200 with the batch applied (or rejected) when it was
// applied at once (at most batch.SyncRows rows) or before; 202 while a
// bigger one is applied in the background, and the client polls GET
// /api/v1/batches/{id}. Applying twice never submits a row twice.
func (s *server) applyBatch(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound}
	}
	var body struct {
		AllOrNothing bool `json:"all_or_nothing"`
	}
	if r.ContentLength != 0 {
		if err := decodeJSON(w, r, &body); err != nil {
			return err
		}
	}
	b, err := s.svc.Batches.Begin(r.Context(), a, id, body.AllOrNothing)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if b.Status == shebao.BatchApplying {
		status = http.StatusAccepted // a big batch goes on in the background: poll GET
	}
	s.writeJSON(w, r, status, batchOf(b, nil, langOf(r)))
	return nil
}

// batchWorkbook downloads the workbook with a status and a result column
// on each row, in the request's language (GET /api/v1/batches/{id}/workbook).
func (s *server) batchWorkbook(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	return s.batchFile(w, r, a, s.svc.Batches.Workbook, "")
}

// batchFailed downloads only the rows that cannot be handled, ready to fix
// and upload again (GET /api/v1/batches/{id}/failed).
func (s *server) batchFailed(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	return s.batchFile(w, r, a, s.svc.Batches.Failed, "-failed")
}

// batchFile writes one of a batch's workbooks.
func (s *server) batchFile(w http.ResponseWriter, r *http.Request, a shebao.Actor,
	build func(context.Context, shebao.Actor, int64, i18n.Lang) ([]byte, shebao.Batch, error), suffix string) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound}
	}
	data, b, err := build(r.Context(), a, id, langOf(r))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="batch-`+strconv.FormatInt(b.ID, 10)+suffix+`.xlsx"`)
	_, _ = w.Write(data)
	return nil
}

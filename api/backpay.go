package api

import (
	"net/http"
	"strconv"
	"strings"

	"shebao"
	"shebao/backpay"
	"shebao/i18n"
)

// backpayRequest is the body of POST /api/v1/backpay and
// /api/v1/backpay/preview: months from..to ("YYYY-MM", both included) at
// the monthly wage (wage_fen, or wage in yuan).
type backpayRequest struct {
	UnitID    int64   `json:"unit_id"`
	IDNumber  string  `json:"id_number"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	WageFen   *int64  `json:"wage_fen"`
	Wage      *string `json:"wage"`
	ClientKey string  `json:"client_key"`
}

// backpayMonthJSON is one month of a back-pay quote; money in fen.
type backpayMonthJSON struct {
	Period      string `json:"period"`
	BaseFen     int64  `json:"base_fen"`
	Clamp       string `json:"clamp"`
	EmployerFen int64  `json:"employer_fen"`
	EmployeeFen int64  `json:"employee_fen"`
	Due         string `json:"due"`
	LateDays    int    `json:"late_days"`
	LateFeeFen  int64  `json:"late_fee_fen"`
	TotalFen    int64  `json:"total_fen"`
}

// backpayQuoteJSON is what a back-pay request comes to.
type backpayQuoteJSON struct {
	OK          bool               `json:"ok"`
	Months      []backpayMonthJSON `json:"months"`
	Refusals    []reasonJSON       `json:"refusals"`
	Counter     bool               `json:"counter"`
	Documents   []string           `json:"documents"`
	EmployerFen int64              `json:"employer_fen"`
	EmployeeFen int64              `json:"employee_fen"`
	LateFeeFen  int64              `json:"late_fee_fen"`
	TotalFen    int64              `json:"total_fen"`
}

// backpaySubmitJSON is the answer of a submission: the item and its quote.
type backpaySubmitJSON struct {
	Item  itemJSON          `json:"item"`
	Quote *backpayQuoteJSON `json:"quote,omitempty"`
}

func quoteOf(q backpay.Quote, lang i18n.Lang) backpayQuoteJSON {
	out := backpayQuoteJSON{OK: q.OK(), Months: []backpayMonthJSON{}, Refusals: []reasonJSON{}, Documents: []string{},
		Counter: q.Counter, EmployerFen: int64(q.Employer), EmployeeFen: int64(q.Employee),
		LateFeeFen: int64(q.LateFee), TotalFen: int64(q.Total)}
	for _, m := range q.Months {
		out.Months = append(out.Months, backpayMonthJSON{Period: m.Period.String(), BaseFen: int64(m.Base.Base),
			Clamp: string(m.Base.Clamp), EmployerFen: int64(m.Employer), EmployeeFen: int64(m.Employee),
			Due: m.Due.String(), LateDays: m.LateDays, LateFeeFen: int64(m.LateFee), TotalFen: int64(m.Total)})
	}
	for _, r := range q.Refusals {
		out.Refusals = append(out.Refusals, reasonJSON{Code: r.Reason, Message: i18n.Error(lang, r)})
	}
	if q.Counter {
		for _, d := range backpay.Documents {
			out.Documents = append(out.Documents, i18n.T(lang, d))
		}
	}
	return out
}

// readBackpayRequest decodes a back-pay request.
func readBackpayRequest(w http.ResponseWriter, r *http.Request, a shebao.Actor) (backpay.Request, error) {
	var b backpayRequest
	if err := decodeJSON(w, r, &b); err != nil {
		return backpay.Request{}, err
	}
	wage, err := itemRequest{WageFen: b.WageFen, Wage: b.Wage}.wage()
	if err != nil {
		return backpay.Request{}, err
	}
	req := backpay.Request{UnitID: b.UnitID, IDNumber: b.IDNumber, Wage: wage, ClientKey: b.ClientKey}
	if key := strings.TrimSpace(r.Header.Get(idempotencyHeader)); key != "" {
		if b.ClientKey != "" && key != b.ClientKey {
			return req, invalid("client_key", ReasonKeyMismatch)
		}
		req.ClientKey = key
	}
	if req.From, err = shebao.ParsePeriod(b.From); err != nil {
		return req, shebao.WithField(err, "from")
	}
	if req.To, err = shebao.ParsePeriod(b.To); err != nil {
		return req, shebao.WithField(err, "to")
	}
	return req, nil
}

// backpayFields maps the service's field names to the API's.
var backpayFields = map[string]string{"unit": "unit_id"}

// previewBackpay computes a back-pay request, writing nothing
// (POST /api/v1/backpay/preview).
func (s *server) previewBackpay(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	req, err := readBackpayRequest(w, r, a)
	if err != nil {
		return err
	}
	q, err := s.svc.Backpay.Preview(r.Context(), a, req)
	if err != nil {
		return renameField(err, backpayFields)
	}
	s.writeJSON(w, r, http.StatusOK, quoteOf(q, langOf(r)))
	return nil
}

// submitBackpay submits a back-pay request (POST /api/v1/backpay): 201
// with the item (in review, or refused with its reasons), 200 for the item
// a repeated idempotency key already made.
func (s *server) submitBackpay(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	req, err := readBackpayRequest(w, r, a)
	if err != nil {
		return err
	}
	it, q, err := s.svc.Backpay.Submit(r.Context(), a, req)
	if err != nil {
		return renameField(err, backpayFields)
	}
	out := backpaySubmitJSON{Item: itemOf(it, langOf(r))}
	status := http.StatusOK
	if !it.Replayed {
		status = http.StatusCreated
		qj := quoteOf(q, langOf(r))
		out.Quote = &qj
	}
	w.Header().Set("Location", "/api/v1/items/"+strconv.FormatInt(it.ID, 10))
	s.writeJSON(w, r, status, out)
	return nil
}

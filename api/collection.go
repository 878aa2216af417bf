package api

import (
	"net/http"
	"strings"

	"shebao"
	"shebao/billing"
	"shebao/collection"
	"shebao/i18n"
	"shebao/sheet"
)

// collectionList streams a closed month's collection list (GET
// /api/v1/collection/list?period=YYYY-MM&format=csv|xlsx; staff).
func (s *server) collectionList(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	p, err := billing.ParsePeriod(r.URL.Query().Get("period"), "period")
	if err != nil {
		return err
	}
	svc := s.svc.Collection
	write, ext, ctype := svc.WriteCSV, "csv", "text/csv; charset=utf-8"
	switch r.URL.Query().Get("format") {
	case "", "csv":
	case "xlsx":
		write, ext, ctype = svc.WriteXLSX, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	default:
		return invalid("format", shebao.ReasonExportFormat)
	}
	// Refuse before the first byte: once streaming, an error cannot change the status.
	if err := svc.CanList(r.Context(), a, p); err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="collection-`+p.String()+`.`+ext+`"`)
	if _, err := write(r.Context(), a, p, w); err != nil {
		// Cut the connection: the client must not take half a list for a whole one.
		s.svc.Log.Error("collection list cut short", "period", p, "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// collectionResults checks a result file and, with apply=true, applies it
// (POST /api/v1/collection/results?period=YYYY-MM[&apply=true], the file
// as the body; staff). 200 with every row's outcome.
func (s *server) collectionResults(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	p, err := billing.ParsePeriod(r.URL.Query().Get("period"), "period")
	if err != nil {
		return err
	}
	data, err := sheet.ReadAll(http.MaxBytesReader(w, r.Body, sheet.Default.File+1), sheet.Default.File)
	if err != nil {
		return shebao.WithField(err, "file")
	}
	rep, err := s.svc.Collection.Import(r.Context(), a, p, data, r.URL.Query().Get("apply") == "true")
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, reportOf(rep, langOf(r)))
	return nil
}

// collectionReportJSON is a result file checked or applied.
type collectionReportJSON struct {
	Period       string              `json:"period"`
	Source       string              `json:"source"`
	Applied      bool                `json:"applied"`
	Replayed     bool                `json:"replayed"`
	Errors       int                 `json:"errors"`
	Paid         int                 `json:"paid"`
	Partial      int                 `json:"partial"`
	Failed       int                 `json:"failed"`
	CollectedFen int64               `json:"collected_fen"`
	Rows         []collectionRowJSON `json:"rows"`
}

// collectionRowJSON is one row's outcome, or its error by column.
type collectionRowJSON struct {
	Row          int    `json:"row"`
	Line         string `json:"line"`
	CreditCode   string `json:"credit_code"`
	Outcome      string `json:"outcome,omitempty"`
	CollectedFen int64  `json:"collected_fen"`
	OwedFen      int64  `json:"owed_fen"`
	Reason       string `json:"reason,omitempty"`
	Column       string `json:"column,omitempty"`
	Error        string `json:"error,omitempty"`
	Message      string `json:"message,omitempty"`
}

func reportOf(r collection.Report, lang i18n.Lang) collectionReportJSON {
	out := collectionReportJSON{Period: r.Period.String(), Source: r.Source, Applied: r.Applied, Replayed: r.Replayed,
		Errors: r.Errors, Paid: r.Paid, Partial: r.Partial, Failed: r.Failed, CollectedFen: int64(r.Collected),
		Rows: []collectionRowJSON{}}
	for _, o := range r.Rows {
		j := collectionRowJSON{Row: o.Row, Line: o.Key, CreditCode: o.CreditCode, Outcome: o.Outcome,
			CollectedFen: int64(o.Collected), OwedFen: int64(o.Owed), Reason: o.Reason}
		if o.Err != nil {
			j.Column, j.Error, j.Message = o.Err.Field, o.Err.Reason, i18n.Error(lang, o.Err)
		}
		out.Rows = append(out.Rows, j)
	}
	return out
}

// collectionOwed lists the closed periods a unit still owes today, with
// the late fee grown to today (GET /api/v1/collection/owed[?unit_id=]).
func (s *server) collectionOwed(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	unitID, err := queryUnit(r)
	if err != nil {
		return err
	}
	owed, err := s.svc.Collection.UnitOwed(r.Context(), a, unitID)
	if err != nil {
		return err
	}
	out := []owedJSON{}
	for _, o := range owed {
		out = append(out, owedJSON{Period: o.Period.String(), Due: o.Due.String(), PrincipalFen: int64(o.Principal),
			LateFeeFen: int64(o.LateFee), DaysLate: o.Days, TotalFen: int64(o.Total()),
			LastOutcome: o.Last.Outcome, LastReason: o.Last.Reason})
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"periods": out})
	return nil
}

// owedJSON is a period a unit still owes.
type owedJSON struct {
	Period       string `json:"period"`
	Due          string `json:"due"`
	PrincipalFen int64  `json:"principal_fen"`
	LateFeeFen   int64  `json:"late_fee_fen"`
	DaysLate     int    `json:"days_late"`
	TotalFen     int64  `json:"total_fen"`
	LastOutcome  string `json:"last_outcome,omitempty"`
	LastReason   string `json:"last_reason,omitempty"`
}

// collectionPayment records a payment at the counter (POST
// /api/v1/collection/payments {unit_id, period, reason}, Idempotency-Key).
func (s *server) collectionPayment(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	var b struct {
		UnitID int64  `json:"unit_id"`
		Period string `json:"period"`
		Reason string `json:"reason"`
	}
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	p, err := billing.ParsePeriod(b.Period, "period")
	if err != nil {
		return err
	}
	key := strings.TrimSpace(r.Header.Get(idempotencyHeader))
	o, err := s.svc.Collection.RecordPayment(r.Context(), a, b.UnitID, p, b.Reason, key)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, map[string]int64{"principal_fen": int64(o.Principal),
		"late_fee_fen": int64(o.LateFee), "total_fen": int64(o.Total())})
	return nil
}

// collectionWaiver waives the late fee a unit's closed month has run up
// to today (POST /api/v1/collection/waivers {unit_id, period, reason};
// reviewers only).
func (s *server) collectionWaiver(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	var b struct {
		UnitID int64  `json:"unit_id"`
		Period string `json:"period"`
		Reason string `json:"reason"`
	}
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	p, err := billing.ParsePeriod(b.Period, "period")
	if err != nil {
		return err
	}
	fee, err := s.svc.Collection.WaiveFee(r.Context(), a, b.UnitID, p, b.Reason)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, map[string]int64{"waived_fen": int64(fee)})
	return nil
}

// collectionAccount returns a unit's account period by period (GET
// /api/v1/collection/account[?unit_id=]).
func (s *server) collectionAccount(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	unitID, err := queryUnit(r)
	if err != nil {
		return err
	}
	acc, err := s.svc.Collection.Account(r.Context(), a, unitID)
	if err != nil {
		return err
	}
	out := []unitAccountJSON{}
	for _, p := range acc {
		out = append(out, unitAccountJSON{Period: p.Period.String(), AssessedFen: int64(p.Assessed),
			BackpayFen: int64(p.Backpay), LateFeeFen: int64(p.LateFee), CollectedFen: int64(p.Collected),
			WaivedFen: int64(p.Waived), BalanceFen: int64(p.Balance)})
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"periods": out})
	return nil
}

// unitAccountJSON is one period of a unit's account.
type unitAccountJSON struct {
	Period       string `json:"period"`
	AssessedFen  int64  `json:"assessed_fen"`
	BackpayFen   int64  `json:"backpay_fen"`
	LateFeeFen   int64  `json:"late_fee_fen"`
	CollectedFen int64  `json:"collected_fen"`
	WaivedFen    int64  `json:"waived_fen"`
	BalanceFen   int64  `json:"balance_fen"`
}

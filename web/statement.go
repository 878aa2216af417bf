package web

import (
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"shebao"
	"shebao/billing"
	"shebao/statement"
)

// statementData is the data of the employees' statements page.
type statementData struct {
	formState
	Period     string // as typed
	CreditCode string // staff: the unit looked at
	Person     string // a person's id: that employee's statement only
	Staff      bool
	Statement  *statement.Statement
	ExportURL  string
}

// statementPage shows a unit's monthly statements to its employees (GET
// /statement?period=2026-06[&person=ID]; staff add credit_code): one
// printable page per employee (statement.css), what was paid for them and
// whether the month was collected (docs/COLLECTION.md, "The employee's
// statement"). An operator sees their own unit only.
func (h *handler) statementPage(w http.ResponseWriter, r *http.Request, u user) error {
	d := statementData{Staff: u.Role.IsStaff()}
	v := h.userView(r, u, "statement.title")
	lang := h.lang(r)
	unitID, ok, err := h.billUnit(r, u, &d.CreditCode)
	if err != nil && !d.setError(lang, err, "credit_code") {
		return err
	}
	if d.Period, err = text(r, "period", maxField); err != nil {
		return err
	}
	if d.Person, err = text(r, "person", maxField); err != nil {
		return err
	}
	p, person, err := h.statementQuery(r, d.Period, d.Person)
	if err != nil && !d.setError(lang, err, "period") {
		return err
	}
	d.Period = p.String()
	status := http.StatusOK
	if d.HasErrors() {
		status = http.StatusBadRequest
	}
	if ok && !d.HasErrors() {
		st, err := h.svc.Statement.Month(r.Context(), u.Actor, unitID, p, person)
		if err != nil && !d.setError(lang, err, "period") {
			return err
		}
		if err == nil {
			d.Statement = &st
			q := url.Values{"period": {d.Period}}
			if d.CreditCode != "" {
				q.Set("credit_code", d.CreditCode)
			}
			d.ExportURL = "/statement/export.xlsx?" + q.Encode()
		}
	}
	v.Data = d
	return h.render(w, r, status, "statement", v)
}

// statementQuery reads the month (the last closed month's period before
// the current one when empty) and the person asked for (0: everyone).
func (h *handler) statementQuery(r *http.Request, period, person string) (shebao.Period, int64, error) {
	cur, err := h.svc.Billing.CurrentPeriod(r.Context())
	if err != nil {
		return 0, 0, err
	}
	p := cur.Prev()
	if period != "" {
		q, err := billing.ParsePeriod(period, "period")
		if err != nil {
			return p, 0, err
		}
		p = q
	}
	var id int64
	if person != "" {
		if id, err = strconv.ParseInt(person, 10, 64); err != nil || id <= 0 {
			return p, 0, errNotFound
		}
	}
	return p, id, nil
}

// statementExport sends a unit's statements of a month as one .xlsx
// workbook (GET /statement/export.xlsx?period=2026-06; staff add
// credit_code).
func (h *handler) statementExport(w http.ResponseWriter, r *http.Request, u user) error {
	var code string
	unitID, ok, err := h.billUnit(r, u, &code)
	if err != nil {
		return err
	}
	if !ok {
		return shebao.Invalid("credit_code", shebao.ReasonRequired)
	}
	p, err := billPeriodParam(r, "period")
	if err != nil {
		return err
	}
	st, err := h.svc.Statement.Month(r.Context(), u.Actor, unitID, p, 0)
	if err != nil {
		return err
	}
	// The workbook's rows stream into excelize's stream writer; its first
	// byte reaches w only once every row is written.
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": st.Filename()}))
	if err := st.WriteXLSX(w, statement.Translator(translator(h.lang(r)))); err != nil {
		h.log.Error("statement workbook", "period", p, "err", err)
	}
	return nil
}

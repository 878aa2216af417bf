package web

import (
	"net/http"
	"net/url"

	"shebao"
	"shebao/billing"
	"shebao/rules"
)

// billData is the data of a unit's amount-due page.
type billData struct {
	formState
	Period     string // as typed
	CreditCode string // staff: the unit looked at
	Staff      bool
	CanPay     bool // clerks and admins record payment of closed periods
	Bill       *billing.Bill
	Persons    []billPerson
	Owed       []shebao.UnitPeriodSum
	Unpaid     shebao.Fen
	From, To   string // export range offered
}

// billPerson is a person-month with its lines explained.
type billPerson struct {
	billing.PersonMonth
	Rows []billLine
}

// billLine explains one line: base (with its clamp), rate, amount before
// and after rounding, on each side.
type billLine struct {
	Insurance  shebao.Insurance
	StoredBase shebao.Fen
	Base       shebao.Fen
	Clamp      rules.Clamp
	Floor      shebao.Fen
	Ceiling    shebao.Fen
	Rounding   shebao.Rounding
	ERRate     string // percent
	EERate     string
	ERExact    string // yuan before rounding
	EEExact    string
	Employer   shebao.Fen
	Employee   shebao.Fen
}

// explainMonth returns the view of a person-month's lines.
func explainMonth(m billing.PersonMonth) billPerson {
	pv := billPerson{PersonMonth: m}
	for _, l := range m.Lines {
		pv.Rows = append(pv.Rows, billLine{Insurance: l.Insurance, StoredBase: l.Base.Wage, Base: l.Base.Base,
			Clamp: l.Base.Clamp, Floor: l.Base.Floor, Ceiling: l.Base.Ceiling, Rounding: l.Rate.Rounding,
			ERRate: billing.FormatPercent(l.Rate.Employer), EERate: billing.FormatPercent(l.Rate.Employee),
			ERExact: billing.ExactYuan(l.EmployerExact()), EEExact: billing.ExactYuan(l.EmployeeExact()),
			Employer: l.Employer, Employee: l.Employee})
	}
	return pv
}

// bill shows a unit's amount due for a period (GET /bill?period=2026-07),
// with every amount explained, the closed months it still owes and the
// export form; staff name the unit by credit_code.
func (h *handler) bill(w http.ResponseWriter, r *http.Request, u user) error {
	d := billData{Staff: u.Role.IsStaff(), CanPay: u.Role == shebao.RoleClerk || u.Role == shebao.RoleAdmin}
	v := h.userView(r, u, "billing.title")
	lang := h.lang(r)
	unitID, ok, err := h.billUnit(r, u, &d.CreditCode)
	if err != nil && !d.setError(lang, err, "credit_code") {
		return err
	}
	cur, err := h.billing.CurrentPeriod(r.Context())
	if err != nil {
		return err
	}
	p := cur
	if d.Period, err = text(r, "period", maxField); err != nil {
		return err
	}
	if d.Period != "" {
		if p, err = billing.ParsePeriod(d.Period, "period"); err != nil && !d.setError(lang, err, "period") {
			return err
		}
	}
	if d.Period == "" || err != nil {
		d.Period = p.String()
	}
	d.From, d.To = shebao.NewPeriod(p.Year(), 1).String(), p.String()
	if ok && err == nil && !d.HasErrors() {
		if err := h.fillBill(r, u, unitID, p, &d); err != nil && !d.setError(lang, err, "period") {
			return err
		}
	}
	v.Data = d
	return h.render(w, r, http.StatusOK, "bill", v)
}

// fillBill reads the bill and the owed months into d.
func (h *handler) fillBill(r *http.Request, u user, unitID int64, p shebao.Period, d *billData) error {
	b, err := h.billing.Bill(r.Context(), u.Actor, unitID, p)
	if err != nil {
		return err
	}
	d.Bill = &b
	for _, m := range b.Persons {
		d.Persons = append(d.Persons, explainMonth(m))
	}
	if d.Owed, err = h.billing.Owed(r.Context(), u.Actor, b.Unit.ID); err != nil {
		return err
	}
	for _, s := range d.Owed {
		if !s.Paid {
			d.Unpaid += s.Employer + s.Employee
		}
	}
	return nil
}

// billUnit returns the unit a bill page is about: an operator's own, or
// the one staff name by credit code (ok is false while they have not).
func (h *handler) billUnit(r *http.Request, u user, creditCode *string) (int64, bool, error) {
	if !u.Role.IsStaff() {
		return u.UnitID, true, nil
	}
	var err error
	if *creditCode, err = text(r, "credit_code", maxField); err != nil || *creditCode == "" {
		return 0, false, err
	}
	unit, err := h.unitByCreditCode(r, *creditCode)
	return unit.ID, err == nil, err
}

// billPaid records that a unit paid a closed period, or undoes it (POST
// /bill/paid: period, credit_code, paid=1|0); clerks and admins only.
func (h *handler) billPaid(w http.ResponseWriter, r *http.Request, u user) error {
	code, err := required(r, "credit_code", maxField)
	if err != nil {
		return err
	}
	unit, err := h.unitByCreditCode(r, code)
	if err != nil {
		return err
	}
	raw, err := required(r, "period", maxField)
	if err != nil {
		return err
	}
	p, err := billing.ParsePeriod(raw, "period")
	if err != nil {
		return err
	}
	if err := h.billing.SetPaid(r.Context(), u.Actor, unit.ID, p, r.PostForm.Get("paid") == "1"); err != nil {
		return err
	}
	q := url.Values{"credit_code": {code}, "period": {p.String()}}
	http.Redirect(w, r, "/bill?"+q.Encode(), http.StatusSeeOther)
	return nil
}

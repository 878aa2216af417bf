package web

import (
	"crypto/rand"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"shebao"
	"shebao/billing"
	"shebao/collection"
	"shebao/rules"
)

// billData is the data of a unit's amount-due page.
type billData struct {
	formState
	Period     string // as typed
	CreditCode string // staff: the unit looked at
	Staff      bool
	CanPay     bool   // clerks and admins record payment of closed periods and back-pay
	PayKey     string // the client key of the record-payment forms
	Bill       *billing.Bill
	Q          string       // name or ID number searched for among the persons
	Persons    []billPerson // this page of the persons matching Q
	Pager      pager
	First      int // the positions of the page's first and last person, from 1
	Last       int
	Owed       []shebao.UnitPeriodSum
	Unpaid     shebao.Fen
	Backpay    []billing.BackpayDue // approved back-pay items, owed with their own notice
	BackpayDue shebao.Fen
	Arrears    []collection.PeriodOwed // the months owed today with their late fee (docs/COLLECTION.md)
	Account    []collection.AccountPeriod
	From, To   string // export range offered
}

// billPerson is a person-month at a glance (its base and amounts), with
// its lines explained on demand.
type billPerson struct {
	billing.PersonMonth
	Base  shebao.Fen // the base of its first line (a person has one base a month)
	Noted bool       // a clamp or a rounding changed one of its amounts
	Rows  []billLine
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
	ERExact    string // the amount before rounding: "¥1,280.0528"
	EEExact    string
	ERRounded  bool // rounding changed the employer's amount
	EERounded  bool
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
			ERExact: billing.ExactAmount(l.EmployerExact()), EEExact: billing.ExactAmount(l.EmployeeExact()),
			ERRounded: l.EmployerExact()%shebao.RateScale != 0, EERounded: l.EmployeeExact()%shebao.RateScale != 0,
			Employer: l.Employer, Employee: l.Employee})
	}
	if len(pv.Rows) > 0 {
		pv.Base = pv.Rows[0].Base
	}
	for _, r := range pv.Rows {
		pv.Noted = pv.Noted || r.Clamp != rules.ClampNone || r.ERRounded || r.EERounded
	}
	return pv
}

// bill shows a unit's amount due for a period (GET /bill?period=2026-07),
// with every amount explained, the closed months it still owes and the
// export form; staff name the unit by credit_code.
func (h *handler) bill(w http.ResponseWriter, r *http.Request, u user) error {
	d := billData{Staff: u.Role.IsStaff(), CanPay: u.Role == shebao.RoleClerk || u.Role == shebao.RoleAdmin,
		PayKey: rand.Text()}
	v := h.userView(r, u, "billing.title")
	lang := h.lang(r)
	unitID, ok, err := h.billUnit(r, u, &d.CreditCode)
	if err != nil && !d.setError(lang, err, "credit_code") {
		return err
	}
	cur, err := h.svc.Billing.CurrentPeriod(r.Context())
	if err != nil {
		return err
	}
	p := cur
	if d.Period, err = text(r, "period", maxField); err != nil {
		return err
	}
	if d.Q, err = text(r, "q", maxField); err != nil {
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
	b, err := h.svc.Billing.Bill(r.Context(), u.Actor, unitID, p)
	if err != nil {
		return err
	}
	d.Bill = &b
	d.pagePersons(r, b.Persons)
	due, err := h.svc.Billing.Due(r.Context(), u.Actor, b.Unit.ID)
	if err != nil {
		return err
	}
	d.Owed, d.Unpaid, d.Backpay, d.BackpayDue = due.Periods, due.Unpaid, due.Backpay, due.BackpayDue
	if d.Arrears, err = h.svc.Collection.UnitOwed(r.Context(), u.Actor, b.Unit.ID); err != nil {
		return err
	}
	d.Account, err = h.svc.Collection.Account(r.Context(), u.Actor, b.Unit.ID)
	return err
}

// pagePersons keeps the persons matching d.Q (a substring of the name or
// the ID number, any case) and explains one page of them; the bill's
// totals stay those of the whole unit.
func (d *billData) pagePersons(r *http.Request, all []billing.PersonMonth) {
	q := strings.ToLower(d.Q)
	var match []billing.PersonMonth
	for _, m := range all {
		if q == "" || strings.Contains(strings.ToLower(m.PersonName), q) || strings.Contains(strings.ToLower(m.IDNumber), q) {
			match = append(match, m)
		}
	}
	page := pageParam(r)
	v := url.Values{"period": {d.Period}}
	if d.CreditCode != "" {
		v.Set("credit_code", d.CreditCode)
	}
	if d.Q != "" {
		v.Set("q", d.Q)
	}
	d.Pager = newPager("/bill", v, page, len(match))
	start := min((page-1)*pageSize, len(match))
	for _, m := range match[start:min(start+pageSize, len(match))] {
		d.Persons = append(d.Persons, explainMonth(m))
	}
	d.First, d.Last = start+1, start+len(d.Persons)
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
	unit, err := h.unitByCreditCode(r, u.Actor, *creditCode)
	return unit.ID, err == nil, err
}

// billPaid records that a unit paid a closed period, or undoes it (POST
// /bill/paid: period, credit_code, paid=1|0); clerks and admins only.
func (h *handler) billPaid(w http.ResponseWriter, r *http.Request, u user) error {
	code, err := required(r, "credit_code", maxField)
	if err != nil {
		return err
	}
	unit, err := h.unitByCreditCode(r, u.Actor, code)
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
	if r.PostForm.Get("paid") == "1" {
		// A payment at the counter settles the month with its late fee to
		// today, with the clerk's reason (collection.RecordPayment).
		reason, err := text(r, "reason", maxField)
		if err != nil {
			return err
		}
		key, err := text(r, "client_key", maxField)
		if err != nil {
			return err
		}
		if _, err := h.svc.Collection.RecordPayment(r.Context(), u.Actor, unit.ID, p, reason, key+":"+p.String()); err != nil {
			return err
		}
	} else if err := h.svc.Billing.SetPaid(r.Context(), u.Actor, unit.ID, p, false); err != nil {
		return err
	}
	q := url.Values{"credit_code": {code}, "period": {p.String()}}
	http.Redirect(w, r, "/bill?"+q.Encode(), http.StatusSeeOther)
	return nil
}

// billBackpayPaid records that a unit paid an approved back-pay item (POST
// /bill/backpay-paid: item_id, amount in yuan, credit_code, period to
// return to); clerks and admins only. The item is then no longer listed as
// owed; the amount is what its account counts collected.
func (h *handler) billBackpayPaid(w http.ResponseWriter, r *http.Request, u user) error {
	code, err := required(r, "credit_code", maxField)
	if err != nil {
		return err
	}
	unit, err := h.unitByCreditCode(r, u.Actor, code)
	if err != nil {
		return err
	}
	raw, err := required(r, "item_id", maxField)
	if err != nil {
		return err
	}
	itemID, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || itemID <= 0 {
		return errNotFound
	}
	amount, err := shebao.ParseYuan(r.PostForm.Get("amount"))
	if err != nil {
		return shebao.WithField(err, "amount")
	}
	if err := h.svc.Billing.SetBackpayPaid(r.Context(), u.Actor, unit.ID, itemID, amount); err != nil {
		return err
	}
	q := url.Values{"credit_code": {code}}
	if p, err := billing.ParsePeriod(r.PostForm.Get("period"), "period"); err == nil {
		q.Set("period", p.String())
	}
	http.Redirect(w, r, "/bill?"+q.Encode(), http.StatusSeeOther)
	return nil
}

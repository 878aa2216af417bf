package web

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/billing"
	"shebao/i18n"
)

// policiesData is the data of the admin page of policy years.
type policiesData struct {
	formState
	Policies   []shebao.Policy
	NextYear   int
	Form       billing.PolicyForm
	Insurances []shebao.Insurance
	Classes    []int
	Saved      string   // the version just saved
	Import     []string // messages of a refused import
	Rates      []shebao.UnitRate
	Float      floatForm
}

// policyInput is one input of the policy form, for the template
// "policy_field".
type policyInput struct{ Name, Value, Err string }

// Input returns the form's input called name with its value and message.
func (d policiesData) Input(name string) policyInput {
	return policyInput{Name: name, Value: d.Form.Values()[name], Err: d.Err(name)}
}

// Pct writes a rate per 100,000 as a percentage.
func (policiesData) Pct(v int64) string { return billing.FormatPercent(v) }

// floatForm is the form of a unit's floating injury rate.
type floatForm struct {
	formState
	CreditCode, Year, Percent string
}

// policyFields are the fields of the policy form, for placing messages.
func policyFields() []string {
	fs := []string{"year", "avg_monthly_wage", "base_floor", "base_ceiling", "late_fee_per_day", "cutoff_day",
		"counter_last_day", "backpay_months", "declare_from", "declare_to", "base_from_month"}
	for _, ins := range shebao.Insurances {
		n := "rate_" + string(ins)
		fs = append(fs, n+"_employer", n+"_employee", n+"_rounding")
	}
	for i := 1; i <= 8; i++ {
		fs = append(fs, "injury_class_"+strconv.Itoa(i), "injury_grades_"+strconv.Itoa(i))
	}
	fs = append(fs, "undeclared_base")
	return fs
}

// policies shows every year's policy and the form of next year's (GET
// /admin/policies); admins only.
func (h *handler) policies(w http.ResponseWriter, r *http.Request, u user) error {
	d, err := h.policiesPage(r, u)
	if err != nil {
		return err
	}
	d.Saved = r.URL.Query().Get("saved")
	return h.renderPolicies(w, r, u, http.StatusOK, d)
}

// policiesPage reads the page's data with next year's form prefilled: next
// year's newest version, or this year's carried over a year.
func (h *handler) policiesPage(r *http.Request, u user) (policiesData, error) {
	d := policiesData{NextYear: h.svc.Billing.EditableYear(), Insurances: shebao.Insurances, Classes: []int{1, 2, 3, 4, 5, 6, 7, 8}}
	var err error
	if d.Policies, err = h.svc.Billing.Policies(r.Context(), u.Actor); err != nil {
		return d, err
	}
	if d.Rates, err = h.svc.Billing.UnitRates(r.Context(), u.Actor, d.NextYear-1); err != nil {
		return d, err
	}
	next, err := h.svc.Billing.UnitRates(r.Context(), u.Actor, d.NextYear)
	d.Rates = append(d.Rates, next...)
	d.Form = billing.FormOf(carryOver(d.Policies, d.NextYear))
	d.Float.Year = strconv.Itoa(d.NextYear)
	return d, err
}

// carryOver returns next year's policy if there is one, else the newest
// earlier one moved to next year (its declaration window a year later).
func carryOver(ps []shebao.Policy, next int) shebao.Policy {
	for _, p := range ps {
		if p.Year <= next {
			shift := next - p.Year
			p.Year = next
			p.DeclareFrom, p.DeclareTo = addYears(p.DeclareFrom, shift), addYears(p.DeclareTo, shift)
			return p
		}
	}
	return shebao.Policy{Year: next}
}

// addYears moves a day n years on (29 February to 28 February).
func addYears(d shebao.Date, n int) shebao.Date {
	if d.IsZero() || n == 0 {
		return d
	}
	y, m, day := d.Parts()
	for nd := shebao.NewDate(y+n, m, day); ; nd = shebao.NewDate(y+n, m, day) {
		if nd.Valid() {
			return nd
		}
		day--
	}
}

func (h *handler) renderPolicies(w http.ResponseWriter, r *http.Request, u user, status int, d policiesData) error {
	v := h.userView(r, u, "billing.policies.title")
	v.Data = d
	return h.render(w, r, status, "admin_policies", v)
}

// savePolicy saves next year's policy from the form (POST /admin/policies)
// as a new version, or shows the form again with a message per field.
func (h *handler) savePolicy(w http.ResponseWriter, r *http.Request, u user) error {
	var f billing.PolicyForm
	f.ReadForm(r.PostForm.Get)
	p, errs := h.svc.Billing.SavePolicy(r.Context(), u.Actor, f)
	if len(errs) == 0 {
		http.Redirect(w, r, "/admin/policies?saved="+strconv.Itoa(p.Version), http.StatusSeeOther)
		return nil
	}
	d, err := h.policiesPage(r, u)
	if err != nil {
		return err
	}
	d.Form = f
	lang, fields := h.lang(r), policyFields()
	for _, e := range errs {
		if !d.setError(lang, e, fields...) {
			return e
		}
	}
	return h.renderPolicies(w, r, u, http.StatusUnprocessableEntity, d)
}

// importPolicy saves next year's policy from an uploaded JSON file (POST
// /admin/policies/import, multipart, field "file").
func (h *handler) importPolicy(w http.ResponseWriter, r *http.Request, u user) error {
	file, _, err := r.FormFile("file")
	if err != nil {
		return h.importRefused(w, r, u, []error{shebao.Invalid("file", shebao.ReasonRequired)})
	}
	defer file.Close()
	p, errs := h.svc.Billing.ImportPolicy(r.Context(), u.Actor, file)
	if len(errs) > 0 {
		return h.importRefused(w, r, u, errs)
	}
	http.Redirect(w, r, "/admin/policies?saved="+strconv.Itoa(p.Version), http.StatusSeeOther)
	return nil
}

// importRefused shows the page with every problem of a refused import.
func (h *handler) importRefused(w http.ResponseWriter, r *http.Request, u user, errs []error) error {
	d, err := h.policiesPage(r, u)
	if err != nil {
		return err
	}
	lang := h.lang(r)
	for _, e := range errs {
		if c := shebao.ErrorCode(e); c != shebao.EINVALID {
			return e
		}
		d.Import = append(d.Import, i18n.Error(lang, e))
	}
	return h.renderPolicies(w, r, u, http.StatusUnprocessableEntity, d)
}

// setFloat sets a unit's floating injury rate (POST /admin/policies/float).
func (h *handler) setFloat(w http.ResponseWriter, r *http.Request, u user) error {
	f := floatForm{CreditCode: r.PostForm.Get("credit_code"), Year: r.PostForm.Get("year"), Percent: r.PostForm.Get("injury_float")}
	err := h.setFloatForm(r, u, f)
	if err == nil {
		http.Redirect(w, r, "/admin/policies", http.StatusSeeOther)
		return nil
	}
	d, perr := h.policiesPage(r, u)
	if perr != nil {
		return perr
	}
	d.Float = f
	if !d.Float.setError(h.lang(r), err, "credit_code", "year", "injury_float") {
		return err
	}
	return h.renderPolicies(w, r, u, http.StatusUnprocessableEntity, d)
}

func (h *handler) setFloatForm(r *http.Request, u user, f floatForm) error {
	unit, err := h.unitByCreditCode(r, u.Actor, f.CreditCode)
	if err != nil {
		return err
	}
	year, err := strconv.Atoi(f.Year)
	if err != nil {
		return shebao.Invalid("year", shebao.ReasonNotInteger)
	}
	return h.svc.Billing.SetInjuryFloat(r.Context(), u.Actor, unit.ID, year, f.Percent)
}

package billing

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"shebao"
	"shebao/rules"
)

// Text is a value as typed in a form or written in a policy file. In JSON
// it may be a string or a number ("16" or 16): numbers are kept as written,
// never read through a float.
type Text string

// UnmarshalJSON reads a JSON string or number.
func (t *Text) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = Text(s)
		return nil
	}
	var n json.Number
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&n); err != nil {
		return err
	}
	*t = Text(n.String())
	return nil
}

// RateForm is one insurance type's rates as typed: percentages with at most
// three decimals, and the rounding rule ("fen" or "jiao_up").
type RateForm struct {
	Employer Text `json:"employer"`
	Employee Text `json:"employee"`
	Rounding Text `json:"rounding"`
}

// PolicyForm is a year's policy as typed in the admin page or written in a
// policy file (JSON, docs/BILLING.md): money in yuan, rates in percent,
// days as 2027-07-01. An empty floor or ceiling means 60% or 300% of the
// average wage.
type PolicyForm struct {
	Year             Text                `json:"year"`
	AvgMonthlyWage   Text                `json:"avg_monthly_wage"`
	BaseFloor        Text                `json:"base_floor"`
	BaseCeiling      Text                `json:"base_ceiling"`
	Rates            map[string]RateForm `json:"rates"`
	InjuryClassRates [8]Text             `json:"injury_class_rates"`
	LateFeePerDay    Text                `json:"late_fee_per_day"`
	CutoffDay        Text                `json:"cutoff_day"`
	CounterLastDay   Text                `json:"counter_last_day"`
	BackpayMonths    Text                `json:"backpay_months"`
	DeclareFrom      Text                `json:"declare_from"`
	DeclareTo        Text                `json:"declare_to"`
	BaseFromMonth    Text                `json:"base_from_month"`
	// InjuryGrades are, per risk class, the lowest and highest rate a
	// unit's floating rate may reach, in percent of the class rate, as
	// "50-150"; empty: the national grades (rules.InjuryFloatBounds).
	InjuryGrades [8]Text `json:"injury_float_grades"`
	// UndeclaredBase is the rule for bases not declared by the deadline:
	// "keep" (also when empty) or "floor" (rules.UndeclaredRules).
	UndeclaredBase Text `json:"undeclared_base"`
}

// FormOf returns a policy as the form shows it.
func FormOf(p shebao.Policy) PolicyForm {
	f := PolicyForm{
		Year: Text(strconv.Itoa(p.Year)), AvgMonthlyWage: Text(p.AvgMonthlyWage.Yuan()),
		BaseFloor: Text(p.BaseFloor.Yuan()), BaseCeiling: Text(p.BaseCeiling.Yuan()),
		Rates: map[string]RateForm{}, LateFeePerDay: Text(FormatPercent(p.LateFeePerDay)),
		CutoffDay: itoa(p.CutoffDay), CounterLastDay: itoa(p.CounterLastDay), BackpayMonths: itoa(p.BackpayMonths),
		DeclareFrom: Text(p.DeclareFrom.String()), DeclareTo: Text(p.DeclareTo.String()), BaseFromMonth: itoa(p.BaseFromMonth),
	}
	for _, ins := range shebao.Insurances {
		r := p.Rates[ins]
		f.Rates[string(ins)] = RateForm{Employer: Text(FormatPercent(r.Employer)),
			Employee: Text(FormatPercent(r.Employee)), Rounding: Text(r.Rounding)}
	}
	for i, v := range p.InjuryClassRates {
		f.InjuryClassRates[i] = Text(FormatPercent(v))
	}
	for i, hi := range p.InjuryFloatMax {
		if hi != 0 {
			f.InjuryGrades[i] = Text(strconv.FormatInt(p.InjuryFloatMin[i], 10) + "-" + strconv.FormatInt(hi, 10))
		}
	}
	f.UndeclaredBase = Text(p.UndeclaredBase)
	return f
}

func itoa(n int) Text { return Text(strconv.Itoa(n)) }

// ReadForm fills f from form values named like the policy's fields
// ("avg_monthly_wage", "rate_pension_employer", "injury_class_3", …).
func (f *PolicyForm) ReadForm(get func(name string) string) {
	v := func(name string) Text { return Text(strings.TrimSpace(get(name))) }
	f.Year, f.AvgMonthlyWage, f.BaseFloor, f.BaseCeiling = v("year"), v("avg_monthly_wage"), v("base_floor"), v("base_ceiling")
	f.Rates = map[string]RateForm{}
	for _, ins := range shebao.Insurances {
		n := "rate_" + string(ins)
		f.Rates[string(ins)] = RateForm{Employer: v(n + "_employer"), Employee: v(n + "_employee"), Rounding: v(n + "_rounding")}
	}
	for i := range f.InjuryClassRates {
		f.InjuryClassRates[i] = v("injury_class_" + strconv.Itoa(i+1))
		f.InjuryGrades[i] = v("injury_grades_" + strconv.Itoa(i+1))
	}
	f.UndeclaredBase = v("undeclared_base")
	f.LateFeePerDay, f.CutoffDay, f.CounterLastDay = v("late_fee_per_day"), v("cutoff_day"), v("counter_last_day")
	f.BackpayMonths, f.DeclareFrom, f.DeclareTo, f.BaseFromMonth = v("backpay_months"), v("declare_from"), v("declare_to"), v("base_from_month")
}

// fieldErrors collects one message per field.
type fieldErrors []error

func (fe *fieldErrors) add(err error, field string) {
	if err != nil && field != "" {
		err = shebao.WithField(err, field)
	}
	if err != nil {
		*fe = append(*fe, err)
	}
}

// Policy parses the form. It returns every field's problem, one error per
// field (EINVALID naming it), then the first rule rules.ValidatePolicy
// finds once every field parses.
func (f PolicyForm) Policy() (shebao.Policy, []error) {
	var p shebao.Policy
	var errs fieldErrors
	var err error
	p.Year, err = parseInt(f.Year)
	errs.add(err, "year")
	p.AvgMonthlyWage, err = shebao.ParseYuan(string(f.AvgMonthlyWage))
	errs.add(err, "avg_monthly_wage")
	floor, ceiling := rules.DefaultBounds(p.AvgMonthlyWage)
	p.BaseFloor, p.BaseCeiling = floor, ceiling
	if f.BaseFloor != "" {
		p.BaseFloor, err = shebao.ParseYuan(string(f.BaseFloor))
		errs.add(err, "base_floor")
	}
	if f.BaseCeiling != "" {
		p.BaseCeiling, err = shebao.ParseYuan(string(f.BaseCeiling))
		errs.add(err, "base_ceiling")
	}
	p.Rates = map[shebao.Insurance]shebao.Rate{}
	for _, ins := range shebao.Insurances {
		p.Rates[ins] = f.rate(ins, &errs)
	}
	for i, t := range f.InjuryClassRates {
		p.InjuryClassRates[i], err = ParsePercent(string(t), false)
		errs.add(err, "injury_class_"+strconv.Itoa(i+1))
	}
	for i, t := range f.InjuryGrades {
		p.InjuryFloatMin[i], p.InjuryFloatMax[i], err = parseGrades(t)
		errs.add(err, "injury_grades_"+strconv.Itoa(i+1))
	}
	p.LateFeePerDay, err = ParsePercent(string(f.LateFeePerDay), false)
	errs.add(err, "late_fee_per_day")
	p.UndeclaredBase = strings.TrimSpace(string(f.UndeclaredBase))
	f.calendar(&p, &errs)
	if len(errs) == 0 {
		errs.add(rules.ValidatePolicy(p), "")
	}
	return p, errs
}

// rate parses one insurance type's rates.
func (f PolicyForm) rate(ins shebao.Insurance, errs *fieldErrors) shebao.Rate {
	n := "rate_" + string(ins)
	rf := f.Rates[string(ins)]
	var r shebao.Rate
	var err error
	if ins != shebao.Injury { // the injury employer rate comes from the risk classes
		r.Employer, err = ParsePercent(string(rf.Employer), false)
		errs.add(err, n+"_employer")
	}
	if ins != shebao.Injury || rf.Employee != "" {
		r.Employee, err = ParsePercent(string(rf.Employee), false)
		errs.add(err, n+"_employee")
	}
	r.Rounding = shebao.Rounding(rf.Rounding)
	if r.Rounding != shebao.RoundFen && r.Rounding != shebao.RoundJiaoUp {
		errs.add(shebao.Invalid("", shebao.ReasonRequired), n+"_rounding")
	}
	return r
}

// calendar parses the days and months of the form.
func (f PolicyForm) calendar(p *shebao.Policy, errs *fieldErrors) {
	var err error
	p.CutoffDay, err = parseInt(f.CutoffDay)
	errs.add(err, "cutoff_day")
	p.CounterLastDay, err = parseInt(f.CounterLastDay)
	errs.add(err, "counter_last_day")
	p.BackpayMonths, err = parseInt(f.BackpayMonths)
	errs.add(err, "backpay_months")
	p.BaseFromMonth, err = parseInt(f.BaseFromMonth)
	errs.add(err, "base_from_month")
	p.DeclareFrom, err = shebao.ParseDate(string(f.DeclareFrom))
	errs.add(err, "declare_from")
	p.DeclareTo, err = shebao.ParseDate(string(f.DeclareTo))
	errs.add(err, "declare_to")
}

// parseGrades reads a class's floating grades "50-150" (percent of the
// class rate, lowest and highest); empty is 0, 0: the national grades.
func parseGrades(t Text) (lo, hi int64, err error) {
	s := strings.TrimSpace(strings.ReplaceAll(string(t), "%", ""))
	if s == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "-")
	l, e1 := parseInt(Text(a))
	h, e2 := parseInt(Text(b))
	if !ok || e1 != nil || e2 != nil {
		return 0, 0, shebao.Invalid("", ReasonGradesMalformed)
	}
	return int64(l), int64(h), nil
}

// ReasonGradesMalformed: a class's floating grades are not written as
// "50-150".
const ReasonGradesMalformed = "INJURY_GRADES_MALFORMED"

// parseInt reads a whole number typed in a form.
func parseInt(t Text) (int, error) {
	s := strings.TrimSpace(string(t))
	if s == "" {
		return 0, shebao.Invalid("", shebao.ReasonRequired)
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < -1_000_000 || n > 1_000_000 {
		return 0, shebao.Invalid("", shebao.ReasonNotInteger)
	}
	return n, nil
}

// ParsePercent reads a percentage with at most three decimals ("16",
// "0.5", "0.05%", "-0.1" when negative is allowed) exactly, as parts per
// 100,000 (16% = 16000).
func ParsePercent(s string, negative bool) (int64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	if s == "" {
		return 0, shebao.Invalid("", shebao.ReasonRequired)
	}
	sign := int64(1)
	if negative && strings.HasPrefix(s, "-") {
		sign, s = -1, s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if !digits(whole) || len(whole) > 3 || (dot && (!digits(frac) || len(frac) > 3)) {
		return 0, shebao.Invalid("", shebao.ReasonRateMalformed)
	}
	frac += strings.Repeat("0", 3-len(frac))
	w, _ := strconv.ParseInt(whole, 10, 64)
	fr, _ := strconv.ParseInt(frac, 10, 64)
	return sign * (w*1000 + fr), nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// FormatPercent writes a rate per 100,000 as a percentage without
// trailing zeros: 16000 → "16", 500 → "0.5", 50 → "0.05", -100 → "-0.1".
func FormatPercent(v int64) string { return rules.FormatPercent(v) }

// Values returns the form's values by the field names ReadForm reads.
func (f PolicyForm) Values() map[string]string {
	v := map[string]string{"year": string(f.Year), "avg_monthly_wage": string(f.AvgMonthlyWage),
		"base_floor": string(f.BaseFloor), "base_ceiling": string(f.BaseCeiling),
		"late_fee_per_day": string(f.LateFeePerDay), "cutoff_day": string(f.CutoffDay),
		"counter_last_day": string(f.CounterLastDay), "backpay_months": string(f.BackpayMonths),
		"declare_from": string(f.DeclareFrom), "declare_to": string(f.DeclareTo), "base_from_month": string(f.BaseFromMonth)}
	for ins, r := range f.Rates {
		n := "rate_" + ins
		v[n+"_employer"], v[n+"_employee"], v[n+"_rounding"] = string(r.Employer), string(r.Employee), string(r.Rounding)
	}
	for i, t := range f.InjuryClassRates {
		v["injury_class_"+strconv.Itoa(i+1)] = string(t)
	}
	for i, t := range f.InjuryGrades {
		v["injury_grades_"+strconv.Itoa(i+1)] = string(t)
	}
	v["undeclared_base"] = string(f.UndeclaredBase)
	return v
}

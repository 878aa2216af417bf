package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"shebao"
	"shebao/billing"
)

// getBill returns a unit's amount due for a period (GET
// /api/v1/bill?period=2026-07; the current business period when period is
// absent), every amount with how it was computed. Staff name the unit with
// unit_id.
func (s *server) getBill(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	unitID, err := queryUnit(r)
	if err != nil {
		return err
	}
	var p shebao.Period // 0: the current business period
	if v := r.URL.Query().Get("period"); v != "" {
		if p, err = billing.ParsePeriod(v, "period"); err != nil {
			return err
		}
	}
	b, err := s.svc.Billing.Bill(r.Context(), a, unitID, p)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, billOf(b))
	return nil
}

// billJSON is a unit's amount due for one period. Rates are integers per
// 100,000 (16% = 16000); amounts are integer fen.
type billJSON struct {
	UnitID        int64              `json:"unit_id"`
	UnitName      string             `json:"unit_name"`
	Period        string             `json:"period"`
	Closed        bool               `json:"closed"`
	Paid          bool               `json:"paid"`
	PolicyYear    int                `json:"policy_year"`
	PolicyVersion int                `json:"policy_version"`
	RiskClass     int                `json:"risk_class"`
	InjuryFloat   int64              `json:"injury_float"`
	TotalFen      int64              `json:"total_fen"`
	EmployerFen   int64              `json:"employer_fen"`
	EmployeeFen   int64              `json:"employee_fen"`
	ByInsurance   []insuranceSumJSON `json:"by_insurance"`
	Persons       []personMonthJSON  `json:"persons"`
	// The period's back-pay, apart from the monthly assessment above.
	Backpay            []backpayLineJSON `json:"backpay"`
	BackpayEmployerFen int64             `json:"backpay_employer_fen"`
	BackpayEmployeeFen int64             `json:"backpay_employee_fen"`
	BackpayLateFeeFen  int64             `json:"backpay_late_fee_fen"`
	ChargedFen         int64             `json:"charged_fen"` // total_fen + the back-pay with its late fee
}

// backpayLineJSON is one back-paid month of a person in a bill, at the
// amounts its approved back-pay item quoted.
type backpayLineJSON struct {
	ItemID         int64  `json:"item_id"`
	PersonID       int64  `json:"person_id"`
	Name           string `json:"name"`
	IDNumberMasked string `json:"id_number_masked"`
	BaseFen        int64  `json:"base_fen"`
	EmployerFen    int64  `json:"employer_fen"`
	EmployeeFen    int64  `json:"employee_fen"`
	LateFeeFen     int64  `json:"late_fee_fen"`
	Paid           bool   `json:"paid"`
	PaidFen        int64  `json:"paid_fen"` // recorded paid by hand for the whole item; 0: not recorded
}

// insuranceSumJSON is a bill's sum for one insurance type.
type insuranceSumJSON struct {
	Insurance   string `json:"insurance"`
	Persons     int    `json:"persons"`
	EmployerFen int64  `json:"employer_fen"`
	EmployeeFen int64  `json:"employee_fen"`
}

// personMonthJSON is one person's lines in a bill.
type personMonthJSON struct {
	PersonID       int64     `json:"person_id"`
	Name           string    `json:"name"`
	IDNumberMasked string    `json:"id_number_masked"`
	EmployerFen    int64     `json:"employer_fen"`
	EmployeeFen    int64     `json:"employee_fen"`
	Lines          billLines `json:"lines"`
}

// billLines are a person-month's lines in a bill, written as their
// explanations (lineOf, a []lineJSON) one at a time: a bill's lines are
// not copied into a slice of lineJSON first (docs/PERFORMANCE.md, "The bill
// per request (stop 12)").
type billLines []billing.Line

// MarshalJSON writes ls as encoding/json writes linesOf(ls), HTML
// characters unescaped as in writeJSON; appendJSON writes the same bytes.
func (ls billLines) MarshalJSON() ([]byte, error) {
	if ls == nil {
		return []byte("null"), nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(linesOf(ls))
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// lineJSON is one insurance type's contribution with how it was computed:
// the declared base, the base applied after the clamp to [floor, ceiling],
// the rates and the rounding rule ("fen": half up to the fen; "jiao_up":
// up to the jiao).
type lineJSON struct {
	Insurance       string `json:"insurance"`
	DeclaredBaseFen int64  `json:"declared_base_fen"`
	BaseFen         int64  `json:"base_fen"`
	Clamp           string `json:"clamp"`
	FloorFen        int64  `json:"floor_fen"`
	CeilingFen      int64  `json:"ceiling_fen"`
	EmployerRate    int64  `json:"employer_rate"`
	EmployeeRate    int64  `json:"employee_rate"`
	Rounding        string `json:"rounding"`
	EmployerFen     int64  `json:"employer_fen"`
	EmployeeFen     int64  `json:"employee_fen"`
}

func billOf(b billing.Bill) billJSON {
	out := billJSON{UnitID: b.Unit.ID, UnitName: b.Unit.Name, Period: b.Period.String(), Closed: b.Closed,
		Paid: b.Paid, PolicyYear: b.Policy.Year, PolicyVersion: b.Policy.Version, RiskClass: b.Terms.RiskClass,
		InjuryFloat: b.Terms.InjuryFloat, TotalFen: int64(b.Total()), EmployerFen: int64(b.Employer),
		EmployeeFen: int64(b.Employee), ByInsurance: make([]insuranceSumJSON, 0, len(b.ByInsurance)),
		Persons: make([]personMonthJSON, 0, len(b.Persons)), Backpay: make([]backpayLineJSON, 0, len(b.Backpay)), BackpayEmployerFen: int64(b.BackpaySum.Employer),
		BackpayEmployeeFen: int64(b.BackpaySum.Employee), BackpayLateFeeFen: int64(b.BackpaySum.LateFee),
		ChargedFen: int64(b.Charged().Due())}
	for _, l := range b.Backpay {
		out.Backpay = append(out.Backpay, backpayLineJSON{ItemID: l.ItemID, PersonID: l.PersonID, Name: l.PersonName,
			IDNumberMasked: maskID(l.IDNumber), BaseFen: int64(l.Base), EmployerFen: int64(l.Employer),
			EmployeeFen: int64(l.Employee), LateFeeFen: int64(l.LateFee), Paid: l.Paid, PaidFen: int64(l.PaidFen)})
	}
	for _, s := range b.ByInsurance {
		out.ByInsurance = append(out.ByInsurance, insuranceSumJSON{Insurance: string(s.Insurance),
			Persons: s.Persons, EmployerFen: int64(s.Employer), EmployeeFen: int64(s.Employee)})
	}
	for _, m := range b.Persons {
		out.Persons = append(out.Persons, personMonthJSON{PersonID: m.PersonID, Name: m.PersonName,
			IDNumberMasked: maskID(m.IDNumber), EmployerFen: int64(m.Employer), EmployeeFen: int64(m.Employee),
			Lines: m.Lines})
	}
	return out
}

// lineOf explains a line.
func lineOf(l billing.Line) lineJSON {
	return lineJSON{Insurance: string(l.Insurance), DeclaredBaseFen: int64(l.Base.Wage),
		BaseFen: int64(l.Base.Base), Clamp: string(l.Base.Clamp), FloorFen: int64(l.Base.Floor),
		CeilingFen: int64(l.Base.Ceiling), EmployerRate: l.Rate.Employer, EmployeeRate: l.Rate.Employee,
		Rounding: string(l.Rate.Rounding), EmployerFen: int64(l.Employer), EmployeeFen: int64(l.Employee)}
}

// linesOf explains a person-month's lines.
func linesOf(ls []billing.Line) []lineJSON {
	out := make([]lineJSON, 0, len(ls))
	for _, l := range ls {
		out = append(out, lineOf(l))
	}
	return out
}

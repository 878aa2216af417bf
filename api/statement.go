package api

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/billing"
	"shebao/i18n"
	"shebao/statement"
)

// getStatement returns a unit's statements to its employees for a month
// (GET /api/v1/statement[?period=2026-06][&unit_id=][&person_id=][&format=json|xlsx];
// the month before the current business period when period is absent),
// the twin of the page /statement: per employee the insurance types, base,
// employer and employee amounts, and whether the month was collected. ID
// numbers are masked. format=xlsx sends the unit's workbook instead.
func (s *server) getStatement(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	unitID, err := queryUnit(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p, err := s.svc.Billing.CurrentPeriod(r.Context())
	if err != nil {
		return err
	}
	p = p.Prev() // the last month before the current business period, as the page
	if v := q.Get("period"); v != "" {
		if p, err = billing.ParsePeriod(v, "period"); err != nil {
			return err
		}
	}
	var person int64
	if v := q.Get("person_id"); v != "" {
		if person, err = strconv.ParseInt(v, 10, 64); err != nil || person <= 0 {
			return invalid("person_id", ReasonJSONInteger)
		}
	}
	format := q.Get("format")
	if format != "" && format != "json" && format != "xlsx" {
		return invalid("format", shebao.ReasonExportFormat)
	}
	st, err := s.svc.Statement.Month(r.Context(), a, unitID, p, person)
	if err != nil {
		return err
	}
	if format == "xlsx" {
		lang := langOf(r)
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+st.Filename()+`"`)
		if err := st.WriteXLSX(w, func(key string, args ...string) string { return i18n.T(lang, key, args...) }); err != nil {
			s.svc.Log.Error("statement workbook", "period", p, "err", err)
		}
		return nil
	}
	s.writeJSON(w, r, http.StatusOK, statementOf(st))
	return nil
}

// statementJSON is a unit's statements of one month. Amounts are integer fen.
type statementJSON struct {
	UnitID    int64          `json:"unit_id"`
	UnitName  string         `json:"unit_name"`
	Period    string         `json:"period"`
	Status    string         `json:"status"` // provisional, due, paid, partial, owed
	DueDate   string         `json:"due_date"`
	Reason    string         `json:"reason,omitempty"`
	Employees []employeeJSON `json:"employees"`
}

// employeeJSON is one employee's statement.
type employeeJSON struct {
	PersonID       int64              `json:"person_id"`
	Name           string             `json:"name"`
	IDNumberMasked string             `json:"id_number_masked"`
	Lines          []statementLine    `json:"lines"`
	EmployerFen    int64              `json:"employer_fen"`
	EmployeeFen    int64              `json:"employee_fen"`
	TotalFen       int64              `json:"total_fen"`
	Backpay        []statementBackpay `json:"backpay"`
}

// statementLine is one insurance type of an employee's month.
type statementLine struct {
	Insurance   string `json:"insurance"`
	BaseFen     int64  `json:"base_fen"`
	EmployerFen int64  `json:"employer_fen"`
	EmployeeFen int64  `json:"employee_fen"`
}

// statementBackpay is a month back-paid for the employee in this month.
type statementBackpay struct {
	ItemID      int64 `json:"item_id"`
	BaseFen     int64 `json:"base_fen"`
	EmployerFen int64 `json:"employer_fen"`
	EmployeeFen int64 `json:"employee_fen"`
	Paid        bool  `json:"paid"`
	PaidFen     int64 `json:"paid_fen"` // recorded paid by hand for the whole item; 0: not recorded
}

func statementOf(st statement.Statement) statementJSON {
	out := statementJSON{UnitID: st.Unit.ID, UnitName: st.Unit.Name, Period: st.Period.String(), Status: string(st.Status),
		DueDate: st.DueDate.String(), Reason: st.Reason, Employees: []employeeJSON{}}
	for _, e := range st.Employees {
		j := employeeJSON{PersonID: e.PersonID, Name: e.Name, IDNumberMasked: e.IDNumber, EmployerFen: int64(e.Employer),
			EmployeeFen: int64(e.Employee), TotalFen: int64(e.Total()), Lines: []statementLine{}, Backpay: []statementBackpay{}}
		for _, l := range e.Lines {
			j.Lines = append(j.Lines, statementLine{Insurance: string(l.Insurance), BaseFen: int64(l.Base),
				EmployerFen: int64(l.Employer), EmployeeFen: int64(l.Employee)})
		}
		for _, b := range e.Backpay {
			j.Backpay = append(j.Backpay, statementBackpay{ItemID: b.ItemID, BaseFen: int64(b.Base),
				EmployerFen: int64(b.Employer), EmployeeFen: int64(b.Employee), Paid: b.Paid, PaidFen: int64(b.PaidFen)})
		}
		out.Employees = append(out.Employees, j)
	}
	return out
}

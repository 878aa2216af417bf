package api

import (
	"net/http"

	"shebao"
)

// calendarJSON is a unit's month (calendar.Calendar): the dates that
// matter and what is left to do. Dates YYYY-MM-DD, empty when none.
type calendarJSON struct {
	UnitID          int64       `json:"unit_id"`
	Today           string      `json:"today"`
	Period          string      `json:"period,omitempty"`
	CutoffDay       int         `json:"cutoff_day,omitempty"`
	CounterLastDay  string      `json:"counter_last_day,omitempty"`
	CounterOpen     bool        `json:"counter_open"`
	Deduction       string      `json:"deduction_date"`
	DeductionPeriod string      `json:"deduction_period"`
	Declaration     *windowJSON `json:"declaration_window,omitempty"`
	ToDo            toDoJSON    `json:"todo"`
}

// windowJSON is the open base-declaration window.
type windowJSON struct {
	Year int    `json:"year"`
	From string `json:"from"`
	To   string `json:"to"`
}

// toDoJSON is what the unit still has to do.
type toDoJSON struct {
	MonthsOwed    int   `json:"months_owed"`
	MonthsOwedFen int64 `json:"months_owed_fen"`
	Backpay       int   `json:"backpay_items"`
	BackpayFen    int64 `json:"backpay_owed_fen"`
	Undeclared    int   `json:"undeclared_employees"`
	Returned      int   `json:"returned_items"`
}

// getCalendar returns the unit's month (GET /api/v1/calendar[?unit_id=]),
// the twin of the calendar on the unit's home page.
func (s *server) getCalendar(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	unitID, err := queryUnit(r)
	if err != nil {
		return err
	}
	c, err := s.svc.Calendar.Month(r.Context(), a, unitID)
	if err != nil {
		return err
	}
	out := calendarJSON{UnitID: c.UnitID, Today: c.Today.String(), CounterOpen: c.CounterOpen,
		CutoffDay: c.CutoffDay, Deduction: c.Deduction.String(), DeductionPeriod: c.DeductionPeriod.String(),
		ToDo: toDoJSON{MonthsOwed: c.ToDo.Months, MonthsOwedFen: int64(c.ToDo.MonthsOwed), Backpay: c.ToDo.Backpay,
			BackpayFen: int64(c.ToDo.BackpayDue), Undeclared: c.ToDo.Undeclared, Returned: c.ToDo.Returned}}
	if c.Period != 0 {
		out.Period, out.CounterLastDay = c.Period.String(), c.CounterLastDay.String()
	}
	if d := c.Declaration; d != nil {
		out.Declaration = &windowJSON{Year: d.Year, From: d.From.String(), To: d.To.String()}
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

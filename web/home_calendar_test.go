package web

import (
	"strings"
	"testing"

	"shebao"
)

// The unit's calendar on its home page, in both languages: the counter's
// last day, the deduction date of last month's contributions and the
// declaration window (open in July) with the employees still to declare;
// after a failed deduction, past the due date, the month owed with its
// late fee, linked to the bill, as the API's twin says.
func TestHomeCalendar(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		hr := f.browser()
		home := hr.login("hr_a")
		if !strings.Contains(home.text("#cal-deduction"), "2026-07-20") || !strings.Contains(home.text("#cal-deduction"), "2026-06") ||
			!strings.Contains(home.text("#cal-counter"), "2026-07-15") || !strings.Contains(home.text("#cal-declaration"), "2026-07-31") {
			t.Fatalf("calendar on %s: %q", testToday, home.text("#calendar"))
		}
		if !home.has(`#todo-declaration a[href="/declaration"]`) || home.has("#todo-months") {
			t.Fatalf("to do on %s: %q", testToday, home.text("#calendar"))
		}
		en := hr.get("/lang?to=en&next=/")
		if !strings.Contains(en.text("#calendar"), "Deduction date") || !strings.Contains(en.text("#todo-declaration"), "insured employees") {
			t.Fatalf("in English: %q", en.text("#calendar"))
		}
		hr.get("/lang?to=zh&next=/")

		failMonth(t, f)
		f.restart(shebao.FixedDayClock{Day: 20260803})
		hr = f.browser()
		home = hr.login("hr_a")
		c, err := f.svc.Calendar.Month(t.Context(), demotestActor(t, f, "hr_a"), 0)
		if err != nil {
			t.Fatal(err)
		}
		todo := home.text("#todo-months")
		if c.ToDo.Months != 1 || !strings.Contains(todo, c.ToDo.MonthsOwed.String()) || !home.has(`#todo-months a[href="/bill"]`) {
			t.Fatalf("on 3 August: %q, the service says %+v", todo, c.ToDo)
		}
		if home.has("#cal-declaration") || !strings.Contains(home.text("#cal-deduction"), "2026-08-20") {
			t.Fatalf("on 3 August: %q", home.text("#calendar"))
		}
	})
}

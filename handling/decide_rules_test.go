package handling

import (
	"testing"

	"shebao"
	"shebao/rules"
)

// factsOn builds the facts of person 7 and unit 1 on day today.
func factsOn(today shebao.Date, regs ...shebao.Registration) Facts {
	p := rules.DefaultPolicy(today.Year(), 1_120_000)
	return Facts{Unit: shebao.Unit{ID: 1, Name: "A", Status: shebao.UnitActive}, Person: shebao.Person{ID: 7},
		Policy: p, Period: p.PeriodOf(today), Registrations: regs}
}

// TestEmploymentEndingBeforeThePeriod: on 20 July (period August) an
// employment that ends on 31 July cannot be enrolled from August; one that
// ends in August can.
func TestEmploymentEndingBeforeThePeriod(t *testing.T) {
	jul20 := shebao.NewDate(2026, 7, 20)
	reg := shebao.Registration{PersonID: 7, UnitID: 1, Start: 20260601, RegisteredOn: 20260601, End: 20260731}
	enroll := Request{Type: shebao.ItemEnroll, UnitID: 1, Wage: 800000}
	d := Decide(enroll, factsOn(jul20, reg), shebao.Online, jul20)
	if d.Refusal == nil || d.Refusal.Reason != ReasonEndsBeforePeriod ||
		len(d.Refusal.Args) != 2 || d.Refusal.Args[0] != "2026-07-31" || d.Refusal.Args[1] != "2026-08" {
		t.Fatalf("refusal = %+v, want %s (2026-07-31, 2026-08)", d.Refusal, ReasonEndsBeforePeriod)
	}
	reg.End = 20260801
	if d := Decide(enroll, factsOn(jul20, reg), shebao.Online, jul20); d.Refusal != nil || d.Period != 202608 {
		t.Fatalf("ending on 1 August: %+v, want enrolled from 2026-08", d.Refusal)
	}
}

// TestLateEnrollment: Art. 58's 30 days are told, not refused.
func TestLateEnrollment(t *testing.T) {
	reg := shebao.Registration{PersonID: 7, UnitID: 1, Start: 20260601, RegisteredOn: 20260601}
	enroll := Request{Type: shebao.ItemEnroll, UnitID: 1, Wage: 800000}
	onTime := shebao.NewDate(2026, 7, 1)
	if d := Decide(enroll, factsOn(onTime, reg), shebao.Online, onTime); d.Refusal != nil || d.Notes.Late != nil {
		t.Fatalf("on the 30th day: %+v, %+v; want on time", d.Refusal, d.Notes.Late)
	}
	late := shebao.NewDate(2026, 7, 8)
	d := Decide(enroll, factsOn(late, reg), shebao.Online, late)
	want := shebao.LateEnrollment{Start: "2026-06-01", Deadline: "2026-07-01", Days: 7}
	if d.Refusal != nil || d.Notes.Late == nil || *d.Notes.Late != want {
		t.Fatalf("7 days late: %+v, %+v; want passed with %+v", d.Refusal, d.Notes.Late, want)
	}
	if n := shebao.NotesOf(shebao.Item{Payload: d.Notes.Payload()}); n.Late == nil || *n.Late != want {
		t.Fatalf("the item's payload reads back as %+v", n)
	}
	stop := Request{Type: shebao.ItemStop, UnitID: 1, StopReason: shebao.StopResignation}
	f := factsOn(late, reg)
	f.Coverages = []shebao.Coverage{{PersonID: 7, UnitID: 1, Status: shebao.CoverageActive, FirstPeriod: 202607}}
	if d := Decide(stop, f, shebao.Online, late); d.Notes.Late != nil {
		t.Fatalf("a stop is never late: %+v", d.Notes.Late)
	}
}

package handling

import (
	"testing"

	"shebao"
	"shebao/rules"
)

// decideCase builds facts around unit 1 ("A") on 2026-07-08 unless changed.
type decideCase struct {
	name    string
	req     Request
	regs    []shebao.Registration
	covs    []shebao.Coverage
	ch      shebao.Channel
	today   shebao.Date
	suspend bool
	unknown bool // the ID number is not a known person

	wantReason string
	wantArgs   []string
	wantPeriod shebao.Period
}

func TestDecide(t *testing.T) {
	jul8 := shebao.NewDate(2026, 7, 8)
	regA := shebao.Registration{PersonID: 7, UnitID: 1, Start: shebao.NewDate(2026, 6, 20), RegisteredOn: shebao.NewDate(2026, 6, 20)}
	regToday := regA
	regToday.RegisteredOn = jul8
	regYesterday := regA
	regYesterday.RegisteredOn = jul8.AddDays(-1)
	regB := regA
	regB.UnitID = 2
	regEnded := regA
	regEnded.End = shebao.NewDate(2026, 7, 1)
	regFuture := regA
	regFuture.Start = shebao.NewDate(2026, 9, 1)
	activeB := shebao.Coverage{PersonID: 7, UnitID: 2, Insurance: shebao.Pension, Status: shebao.CoverageActive, FirstPeriod: 202401}
	activeA := activeB
	activeA.UnitID = 1
	stoppedB := activeB
	stoppedB.Status, stoppedB.LastPeriod = shebao.CoverageStopped, 202512
	enroll := Request{Type: shebao.ItemEnroll, UnitID: 1, Wage: 800000}
	resume := Request{Type: shebao.ItemResume, UnitID: 1, Wage: 800000}
	stop := Request{Type: shebao.ItemStop, UnitID: 1, StopReason: shebao.StopResignation}

	cases := []decideCase{
		{name: "enroll passes", req: enroll, regs: []shebao.Registration{regA}, wantPeriod: 202607},
		{name: "registered yesterday passes", req: enroll, regs: []shebao.Registration{regYesterday}, wantPeriod: 202607},
		{name: "no registration", req: enroll, wantReason: shebao.ReasonNoRegistration},
		{name: "unknown person", req: enroll, unknown: true, wantReason: shebao.ReasonNoRegistration},
		{name: "registration with another unit only", req: enroll, regs: []shebao.Registration{regB}, wantReason: shebao.ReasonNoRegistration},
		{name: "registered today", req: enroll, regs: []shebao.Registration{regToday}, wantReason: shebao.ReasonRegisteredToday, wantArgs: []string{"2026-07-09"}},
		{name: "registration ended", req: enroll, regs: []shebao.Registration{regEnded}, wantReason: shebao.ReasonRegistrationEnded, wantArgs: []string{"2026-07-01"}},
		{name: "employment starts after the period", req: enroll, regs: []shebao.Registration{regFuture}, wantReason: shebao.ReasonEmploymentNotStarted, wantArgs: []string{"2026-09-01"}},
		{name: "insured at another unit", req: enroll, regs: []shebao.Registration{regA}, covs: []shebao.Coverage{activeB}, wantReason: shebao.ReasonInsuredElsewhere, wantArgs: []string{"B"}},
		{name: "already insured here", req: enroll, regs: []shebao.Registration{regA}, covs: []shebao.Coverage{activeA}, wantReason: shebao.ReasonAlreadyInsuredHere},
		{name: "enroll with history must resume", req: enroll, regs: []shebao.Registration{regA}, covs: []shebao.Coverage{stoppedB}, wantReason: shebao.ReasonHasHistoryUseResume},
		{name: "resume passes", req: resume, regs: []shebao.Registration{regA}, covs: []shebao.Coverage{stoppedB}, wantPeriod: 202607},
		{name: "resume never insured", req: resume, regs: []shebao.Registration{regA}, wantReason: shebao.ReasonNeverInsured},
		{name: "resume needs registration too", req: resume, covs: []shebao.Coverage{stoppedB}, wantReason: shebao.ReasonNoRegistration},
		{name: "stop passes", req: stop, covs: []shebao.Coverage{activeA}, wantPeriod: 202607},
		{name: "stop someone insured elsewhere", req: stop, covs: []shebao.Coverage{activeB}, wantReason: shebao.ReasonNotActiveHere},
		{name: "stop someone stopped", req: stop, covs: []shebao.Coverage{stoppedB}, wantReason: shebao.ReasonNotActiveHere},
		{name: "day 15 is this month", req: enroll, regs: []shebao.Registration{regA}, today: shebao.NewDate(2026, 7, 15), wantPeriod: 202607},
		{name: "day 16 is next month", req: enroll, regs: []shebao.Registration{regA}, today: shebao.NewDate(2026, 7, 16), wantPeriod: 202608},
		{name: "December 16 is next year", req: enroll, regs: []shebao.Registration{regA}, today: shebao.NewDate(2026, 12, 16), wantPeriod: 202701},
		{name: "suspended unit", req: enroll, regs: []shebao.Registration{regA}, suspend: true, wantReason: shebao.ReasonUnitSuspended},
		{name: "counter open on the 15th", req: enroll, regs: []shebao.Registration{regA}, ch: shebao.Counter, today: shebao.NewDate(2026, 7, 15), wantPeriod: 202607},
		{name: "counter closed on the 16th", req: enroll, regs: []shebao.Registration{regA}, ch: shebao.Counter, today: shebao.NewDate(2026, 7, 16), wantReason: shebao.ReasonCounterClosed, wantArgs: []string{"15"}},
		{name: "self-service open on the 16th", req: stop, covs: []shebao.Coverage{activeA}, ch: shebao.SelfService, today: shebao.NewDate(2026, 7, 16), wantPeriod: 202608},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			today := c.today
			if today == 0 {
				today = jul8
			}
			ch := c.ch
			if ch == "" {
				ch = shebao.Online
			}
			f := Facts{
				Unit:          shebao.Unit{ID: 1, Name: "A", Status: shebao.UnitActive},
				Person:        shebao.Person{ID: 7},
				Registrations: c.regs,
				Coverages:     c.covs,
				Policy:        rules.DefaultPolicy(2026, 1_120_000),
				UnitNames:     map[int64]string{1: "A", 2: "B"},
			}
			f.Period = f.Policy.PeriodOf(today)
			if c.suspend {
				f.Unit.Status = shebao.UnitSuspended
			}
			if c.unknown {
				f.Person = shebao.Person{}
			}
			d := Decide(c.req, f, ch, today)
			got := ""
			if d.Refusal != nil {
				got = d.Refusal.Reason
			}
			if got != c.wantReason {
				t.Fatalf("refusal = %q, want %q", got, c.wantReason)
			}
			if c.wantArgs != nil && (len(d.Refusal.Args) != len(c.wantArgs) || d.Refusal.Args[0] != c.wantArgs[0]) {
				t.Errorf("args = %q, want %q", d.Refusal.Args, c.wantArgs)
			}
			if c.wantPeriod != 0 && d.Period != c.wantPeriod {
				t.Errorf("period = %s, want %s", d.Period, c.wantPeriod)
			}
		})
	}
}

func TestDecideClampsBase(t *testing.T) {
	p := rules.DefaultPolicy(2026, 1_120_000) // floor ¥6,720, ceiling ¥33,600
	f := Facts{Unit: shebao.Unit{ID: 1, Status: shebao.UnitActive}, Person: shebao.Person{ID: 7}, Policy: p,
		Period:        p.PeriodOf(20260708),
		Registrations: []shebao.Registration{{UnitID: 1, Start: 20260601, RegisteredOn: 20260601}}}
	for _, c := range []struct {
		wage, base shebao.Fen
		clamp      rules.Clamp
	}{
		{300000, 672000, rules.ClampFloor},
		{672000, 672000, rules.ClampNone},
		{800050, 800050, rules.ClampNone},
		{3360000, 3360000, rules.ClampNone},
		{6000000, 3360000, rules.ClampCeiling},
	} {
		d := Decide(Request{Type: shebao.ItemEnroll, UnitID: 1, Wage: c.wage}, f, shebao.Online, 20260708)
		if d.Base.Base != c.base || d.Base.Clamp != c.clamp {
			t.Errorf("wage %s: base %s (%s), want %s (%s)", c.wage, d.Base.Base, d.Base.Clamp, c.base, c.clamp)
		}
	}
}

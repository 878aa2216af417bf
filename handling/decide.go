package handling

import (
	"strconv"

	"shebao"
	"shebao/rules"
)

// Facts are what the engine knows about a request when it decides: read in
// the same transaction that writes the decision.
type Facts struct {
	Unit          shebao.Unit
	Person        shebao.Person // ID 0 when the ID number is unknown to the district
	Registrations []shebao.Registration
	Coverages     []shebao.Coverage
	Policy        shebao.Policy    // in force for Period (shebao.PolicyInForce)
	Period        shebao.Period    // the business period of the day (shebao.PolicyInForce)
	UnitNames     map[int64]string // names of units the person is insured at
}

// Decision is the engine's answer to a request: the business period, the
// base after clamping, and the refusal, if any.
type Decision struct {
	Today   shebao.Date
	Period  shebao.Period
	Base    rules.BaseResult
	Refusal *shebao.Error // nil when the request passes
}

// Decide applies the rules of docs/RULES.md#enrollment-resumption-and-stop to a request. It is a pure
// function: the caller passes the facts, the channel and today's date.
func Decide(r Request, f Facts, ch shebao.Channel, today shebao.Date) Decision {
	d := Decision{Today: today, Period: f.Period}
	if r.Type != shebao.ItemStop {
		d.Base = rules.ClampBase(r.Wage, f.Policy.BaseFloor, f.Policy.BaseCeiling)
	}
	d.Refusal = refusal(r, f, ch, today, d.Period)
	return d
}

func refusal(r Request, f Facts, ch shebao.Channel, today shebao.Date, p shebao.Period) *shebao.Error {
	if f.Unit.Status != shebao.UnitActive {
		return shebao.Refused(shebao.ReasonUnitSuspended)
	}
	if ch == shebao.Counter && !rules.CounterOpen(today, f.Policy.CounterLastDay) {
		return shebao.Refused(shebao.ReasonCounterClosed, strconv.Itoa(f.Policy.CounterLastDay))
	}
	if r.Type == shebao.ItemStop {
		if activeAt(f.Coverages, f.Unit.ID) == nil {
			return shebao.Refused(shebao.ReasonNotActiveHere)
		}
		return nil
	}
	if e := registrationRefusal(f, today, p); e != nil {
		return e
	}
	if c := activeAnywhere(f.Coverages); c != nil {
		if c.UnitID == f.Unit.ID {
			return shebao.Refused(shebao.ReasonAlreadyInsuredHere)
		}
		return shebao.RefusedNaming(shebao.ReasonInsuredElsewhere, shebao.ReasonInsuredOtherUnit, f.UnitNames[c.UnitID])
	}
	insuredBefore := len(f.Coverages) > 0
	if r.Type == shebao.ItemEnroll && insuredBefore {
		return shebao.Refused(shebao.ReasonHasHistoryUseResume)
	}
	if r.Type == shebao.ItemResume && !insuredBefore {
		return shebao.Refused(shebao.ReasonNeverInsured)
	}
	return nil
}

// registrationRefusal checks the employment registration (就业备案) rule:
// a registration of the person with this unit, made before today, still
// running, whose employment has started by the item's period.
func registrationRefusal(f Facts, today shebao.Date, p shebao.Period) *shebao.Error {
	var madeToday, ended, notStarted *shebao.Registration
	for i := range f.Registrations {
		reg := &f.Registrations[i]
		switch {
		case reg.UnitID != f.Unit.ID || f.Person.ID == 0:
			continue
		case !reg.End.IsZero() && reg.End < today:
			ended = reg
		case reg.RegisteredOn >= today:
			madeToday = reg
		case reg.Start.Period() > p:
			notStarted = reg
		default:
			return nil
		}
	}
	switch {
	case madeToday != nil:
		return shebao.Refused(shebao.ReasonRegisteredToday, madeToday.RegisteredOn.AddDays(1).String())
	case notStarted != nil:
		return shebao.Refused(shebao.ReasonEmploymentNotStarted, notStarted.Start.String())
	case ended != nil:
		return shebao.Refused(shebao.ReasonRegistrationEnded, ended.End.String())
	}
	return shebao.Refused(shebao.ReasonNoRegistration)
}

func activeAnywhere(cs []shebao.Coverage) *shebao.Coverage {
	for i := range cs {
		if cs[i].Status == shebao.CoverageActive {
			return &cs[i]
		}
	}
	return nil
}

func activeAt(cs []shebao.Coverage, unitID int64) *shebao.Coverage {
	for i := range cs {
		if cs[i].Status == shebao.CoverageActive && cs[i].UnitID == unitID {
			return &cs[i]
		}
	}
	return nil
}

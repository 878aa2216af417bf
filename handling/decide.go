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
	UnitNames     map[int64]string // names of the other units the person is insured at
}

// Decision is the engine's answer to a request: the business period, the
// base after clamping, the refusal, if any, and what the office tells the
// unit without refusing (Notes: a late enrollment, a converted legacy ID
// number).
type Decision struct {
	Today   shebao.Date
	Period  shebao.Period
	Base    rules.BaseResult
	Refusal *shebao.Error // nil when the request passes
	Notes   shebao.ItemNotes
}

// Reasons of the engine, with messages in package i18n (messages_rulesfix.go).
const (
	// ReasonEndsBeforePeriod: the registration with the unit ends before
	// the item's period, the first month the enrollment would pay for;
	// args: the end of employment, the period.
	ReasonEndsBeforePeriod = "REGISTRATION_ENDS_BEFORE_PERIOD"
)

// Decide applies the rules of docs/RULES.md#enrollment-resumption-and-stop to a request. It is a pure
// function: the caller passes the facts, the channel and today's date.
func Decide(r Request, f Facts, ch shebao.Channel, today shebao.Date) Decision {
	d := Decision{Today: today, Period: f.Period}
	if r.Type != shebao.ItemStop {
		d.Base = rules.ClampBase(r.Wage, f.Policy.BaseFloor, f.Policy.BaseCeiling)
	}
	d.Refusal = refusal(r, f, ch, today, d.Period)
	d.Notes.LegacyID = r.LegacyID
	if d.Refusal == nil && r.Type != shebao.ItemStop {
		d.Notes.Late = lateEnrollment(f, today, d.Period)
	}
	return d
}

// lateEnrollment returns how late an enrollment or resumption that passes
// comes after the employment start of its registration (rules.EnrollLateDays,
// Social Insurance Law art. 58), or nil when it is on time. The office does
// not refuse it: the employer must still be able to enroll.
func lateEnrollment(f Facts, today shebao.Date, p shebao.Period) *shebao.LateEnrollment {
	reg, _ := registrationFor(f, today, p)
	if reg == nil {
		return nil
	}
	days := rules.EnrollLateDays(reg.Start, today)
	if days == 0 {
		return nil
	}
	return &shebao.LateEnrollment{Start: reg.Start.String(), Deadline: rules.EnrollDeadline(reg.Start).String(), Days: days}
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

// registrationRefusal checks the employment registration (就业备案) rule
// (docs/RULES.md#employment-registration): a registration of the person
// with this unit, made before today, still running on the first day of
// the item's period, whose employment has started by that period.
func registrationRefusal(f Facts, today shebao.Date, p shebao.Period) *shebao.Error {
	_, e := registrationFor(f, today, p)
	return e
}

// registrationFor returns the registration that lets the person be
// enrolled by the unit in period p, or the refusal saying why none does.
func registrationFor(f Facts, today shebao.Date, p shebao.Period) (*shebao.Registration, *shebao.Error) {
	var madeToday, ended, endsBefore, notStarted *shebao.Registration
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
		case !reg.End.IsZero() && reg.End < p.FirstDay():
			endsBefore = reg
		default:
			return reg, nil
		}
	}
	switch {
	case madeToday != nil:
		return nil, shebao.Refused(shebao.ReasonRegisteredToday, madeToday.RegisteredOn.AddDays(1).String())
	case notStarted != nil:
		return nil, shebao.Refused(shebao.ReasonEmploymentNotStarted, notStarted.Start.String())
	case endsBefore != nil:
		return nil, shebao.Refused(ReasonEndsBeforePeriod, endsBefore.End.String(), p.String())
	case ended != nil:
		return nil, shebao.Refused(shebao.ReasonRegistrationEnded, ended.End.String())
	}
	return nil, shebao.Refused(shebao.ReasonNoRegistration)
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

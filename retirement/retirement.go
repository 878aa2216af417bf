// Package retirement is the retirement pre-review (退休预审): for a person
// insured by the unit, the statutory retirement month under the 2025
// reform, the contribution months to date, the minimum needed in the year
// of retirement, whether the person will be eligible and when, or how many
// months are missing, and the elastic early and late window. The rules are
// rules.ReviewRetirement; this package gathers the facts, records the
// pre-review as an item approved at once, and audits it. The retirement
// application itself is made at the counter.
package retirement

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"shebao"
	"shebao/catalogue"
	"shebao/rules"
)

// Service is the retirement pre-review.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
}

// Request asks for the pre-review of one person.
type Request struct {
	UnitID    int64 // staff acting for a unit; an operator's own unit otherwise
	IDNumber  string
	ClientKey string // the form's key: a double click records one item
}

// Result is a pre-review: the item recorded and what it found.
type Result struct {
	Item   shebao.Item
	Person shebao.Person
	Review rules.RetirementReview
	// Through is the last month counted in Review.ContributedMonths: the
	// month before today's, since the review projects contributions from
	// today's month on.
	Through shebao.Period
	// OriginalMonth is the month of the original statutory age (60, 55 or
	// 50), the floor of elastic early retirement.
	OriginalMonth shebao.Period
	// Reached says the statutory month is today's month or already past:
	// the person has reached the statutory retirement age, and the unit
	// should apply for retirement at the counter now.
	Reached bool
	// ElasticOver says the latest month of elastic (postponed) retirement
	// is before today's month: no elastic choice is left.
	ElasticOver bool
	// Month is today's month, the month the answer speaks of as now.
	Month shebao.Period
}

// CanRetireNow reports whether the person may retire with a monthly
// pension this month: the statutory month is reached and the minimum met,
// or elastic early retirement is open from this month on.
func (r Result) CanRetireNow() bool {
	if r.Reached {
		return r.Review.Eligible
	}
	return r.Review.EarliestElastic != 0 && r.Review.EarliestElastic <= r.Month
}

// Assess is the pre-review of person p with coverages cs (at every unit)
// on today, recording nothing: the pre-review page records it (Review),
// the counter's retirement payment checks it (counter.Service). Errors: the
// refusals of Review about the stored person.
func Assess(p shebao.Person, cs []shebao.Coverage, today shebao.Date) (Result, error) {
	through := today.Period().Prev()
	rv, err := rules.ReviewRetirement(p.BirthDate, p.Sex, p.PostCategory, ContributedMonths(cs, through), today)
	if err != nil {
		return Result{}, refusal(err, p)
	}
	return Result{Person: p, Review: rv, Through: through, OriginalMonth: p.BirthDate.Period().AddMonths(rv.OriginalAge),
		Reached: rv.StatutoryMonth <= today.Period(), ElasticOver: rv.LatestElastic < today.Period(),
		Month: today.Period()}, nil
}

// Payload returns the pre-review's answer as stored in an item.
func (r Result) Payload() Payload { return payloadOf(r.Review, r.Through) }

// Payload is the JSON stored in a pre-review item's Payload.
type Payload struct {
	Group          rules.RetirementGroup `json:"group"`
	StatutoryMonth string                `json:"statutory_month"`
	StatutoryAge   int                   `json:"statutory_age_months"`
	MinMonths      int                   `json:"min_months"`
	Contributed    int                   `json:"contributed_months"`
	Through        string                `json:"through"`
	Projected      int                   `json:"projected_months"`
	Eligible       bool                  `json:"eligible"`
	ShortMonths    int                   `json:"short_months"`
	Earliest       string                `json:"earliest_elastic"`
	Latest         string                `json:"latest_elastic"`
}

// Review computes a person's pre-review and records it as an item of type
// ItemRetireReview, approved at once, with its audit record. Errors:
// EINVALID for the ID number (a legacy 15-digit number goes to the
// counter); EREFUSED PERSON_UNKNOWN, NOT_OF_UNIT (the unit does not insure
// the person), POST_CATEGORY (a woman without post category: fix it at the
// counter or by a person information change), BIRTH_RANGE (a stored birth
// date before 1900 or in the future); EFORBIDDEN.
func (s *Service) Review(ctx context.Context, a shebao.Actor, r Request) (Result, error) {
	unitID, err := a.ActFor(r.UnitID)
	if err != nil {
		return Result{}, err
	}
	now := s.Clock.Now()
	today := shebao.DateOf(now)
	if _, err := catalogue.ParseID(r.IDNumber, today); err != nil {
		return Result{}, err
	}
	var res Result
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var e error
		res, e = s.reviewTx(ctx, tx, a, unitID, r, now)
		return e
	})
	return res, err
}

func (s *Service) reviewTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, unitID int64, r Request, now time.Time) (Result, error) {
	today := shebao.DateOf(now)
	p, cs, err := catalogue.PersonOfUnit(ctx, tx, unitID, r.IDNumber, today)
	if err != nil {
		return Result{}, err
	}
	res, err := Assess(p, cs, today)
	if err != nil {
		return Result{}, err
	}
	period, err := shebao.BusinessPeriod(ctx, tx, today)
	if err != nil {
		return Result{}, err
	}
	pl := res.Payload()
	it, replayed, err := catalogue.Replay(ctx, tx, a, unitID, r.ClientKey, shebao.ItemRetireReview, p.IDNumber)
	if err != nil {
		return Result{}, err
	}
	if !replayed {
		it = shebao.Item{Type: shebao.ItemRetireReview, UnitID: unitID, PersonID: p.ID, Period: period,
			Status: shebao.StatusApproved, Payload: catalogue.JSON(pl), ClientKey: r.ClientKey}
		if err := catalogue.Record(ctx, tx, a, &it, now, pl); err != nil {
			return Result{}, err
		}
	}
	it.PersonName, it.IDNumber = p.Name, p.IDNumber
	res.Item = it
	return res, nil
}

// refusal turns an error of rules.ReviewRetirement about the stored person
// into the refusal the operator sees, with what to do about it.
func refusal(err error, p shebao.Person) error {
	var e *shebao.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Field {
	case "post_category":
		return shebao.Refused(catalogue.ReasonPostCategory)
	case "birth_date":
		return shebao.Refused(catalogue.ReasonBirthRange, p.BirthDate.String())
	case "sex":
		return shebao.Refused(catalogue.ReasonSexUnknown)
	}
	return err
}

// ContributedMonths counts the distinct months with pension coverage at any
// unit up to and including through: each coverage from its FirstPeriod to
// its LastPeriod, or to through while active.
func ContributedMonths(cs []shebao.Coverage, through shebao.Period) int {
	months := map[shebao.Period]bool{}
	for _, c := range cs {
		if c.Insurance != shebao.Pension {
			continue
		}
		last := c.LastPeriod
		if c.Status == shebao.CoverageActive || last > through {
			last = through
		}
		for m := c.FirstPeriod; m <= last; m = m.Next() {
			months[m] = true
		}
	}
	return len(months)
}

func payloadOf(rv rules.RetirementReview, through shebao.Period) Payload {
	return Payload{Group: rv.Group, StatutoryMonth: rv.StatutoryMonth.String(), StatutoryAge: rv.StatutoryAge,
		MinMonths: rv.MinMonths, Contributed: rv.ContributedMonths, Through: through.String(),
		Projected: rv.ProjectedMonths, Eligible: rv.Eligible, ShortMonths: rv.ShortMonths,
		Earliest: rv.EarliestElastic.String(), Latest: rv.LatestElastic.String()}
}

package rules

import "shebao"

// RetirementReview is what a person's retirement looks like under the 2025
// reform, for the self-service "when can I retire" page. Ages are in months.
type RetirementReview struct {
	Group        RetirementGroup
	OriginalAge  int // the original statutory age (60, 55 or 50 years)
	StatutoryAge int // the statutory age after the reform: OriginalAge + Delay
	Delay        int // months added by the reform
	// StatutoryMonth is the month in which the person reaches StatutoryAge,
	// the birth month plus StatutoryAge months: the official tables' 改革后
	// 退休时间 (men born 1965-01: 60 years 1 month, 2025-02).
	StatutoryMonth shebao.Period
	// MinMonths is the minimum contribution for a monthly pension in
	// StatutoryMonth's year (MinContributionMonths).
	MinMonths         int
	ContributedMonths int // contributed so far, as given
	// ProjectedMonths assumes the person keeps contributing every month from
	// today's month up to (not including) StatutoryMonth.
	ProjectedMonths int
	Eligible        bool // ProjectedMonths ≥ MinMonths
	ShortMonths     int  // months missing at StatutoryMonth: paid by extended or one-off contribution
	// EarliestElastic is the earliest month of elastic early retirement: up
	// to 3 years before StatutoryMonth, never before the original age, not
	// before today's month, and only once the minimum contribution (of that
	// month's year) is met by projection. Zero when there is none.
	EarliestElastic shebao.Period
	// LatestElastic is the latest month of elastic late retirement, with the
	// employer's agreement: 3 years after StatutoryMonth.
	LatestElastic shebao.Period
}

// elasticMonths is the most that elastic retirement moves the statutory
// month, either way (实施弹性退休制度暂行办法, 2024).
const elasticMonths = 36

// ReviewRetirement computes a person's RetirementReview on today (docs/RULES.md#retirement).
// Errors: shebao.Invalid for "birth_date" (ReasonDateMalformed;
// ReasonDateOutOfRange when before 1900-01-01 or after today), for
// "contributed_months" (ReasonOutOfRange), and those of GroupOf.
func ReviewRetirement(birth shebao.Date, sex shebao.Sex, post shebao.PostCategory,
	contributedMonths int, today shebao.Date) (RetirementReview, error) {
	if err := checkBirth(birth, today); err != nil {
		return RetirementReview{}, err
	}
	if err := checkContributed(contributedMonths); err != nil {
		return RetirementReview{}, err
	}
	g, err := GroupOf(sex, post)
	if err != nil {
		return RetirementReview{}, err
	}
	orig, delay := StatutoryAge(birth, g)
	r := RetirementReview{
		Group: g, OriginalAge: orig, StatutoryAge: orig + delay, Delay: delay,
		StatutoryMonth:    birth.Period().AddMonths(orig + delay),
		ContributedMonths: contributedMonths,
	}
	r.MinMonths = MinContributionMonths(r.StatutoryMonth.Year())
	r.ProjectedMonths = projected(contributedMonths, today.Period(), r.StatutoryMonth)
	r.Eligible = r.ProjectedMonths >= r.MinMonths
	r.ShortMonths = max(r.MinMonths-r.ProjectedMonths, 0)
	r.LatestElastic = r.StatutoryMonth.AddMonths(elasticMonths)
	originalMonth := birth.Period().AddMonths(orig)
	r.EarliestElastic = earliestElastic(contributedMonths, today.Period(), originalMonth, r.StatutoryMonth)
	return r, nil
}

// projected returns the months contributed by the start of month at, if the
// person keeps contributing from month now on.
func projected(contributed int, now, at shebao.Period) int {
	return contributed + max(now.MonthsUntil(at), 0)
}

// earliestElastic returns the first month from which elastic early
// retirement is possible, or 0 when there is none before statutory.
func earliestElastic(contributed int, now, original, statutory shebao.Period) shebao.Period {
	from := max(statutory.AddMonths(-elasticMonths), original, now)
	for m := from; m < statutory; m = m.Next() {
		if projected(contributed, now, m) >= MinContributionMonths(m.Year()) {
			return m
		}
	}
	return 0
}

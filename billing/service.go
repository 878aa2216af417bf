package billing

import (
	"context"
	"log/slog"
	"strconv"
	"strings"

	"shebao"
)

// Service is the contributions service: unit bills, the district run,
// exports, policy years and floating rates. Every method opens its own
// transactions on Store and reads "today" from Clock.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
	// Exclusive, when set, runs a job on one instance at a time and reports
	// whether it ran (sqldb.DB.Exclusive): the district assessment (lock.go).
	Exclusive func(ctx context.Context, job string, fn func(context.Context) error) (bool, error)
}

// forbidden is the error of an actor who may not do something.
func forbidden() error {
	return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
}

// PolicyFor returns the policy in force for a year: the newest version of
// that year's. EREFUSED (ReasonNoPolicy) when the year has none: a period is
// never assessed with another year's policy.
func PolicyFor(ctx context.Context, tx shebao.Tx, year int) (shebao.Policy, error) {
	p, err := tx.Policy(ctx, year)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		return shebao.Policy{}, shebao.Refused(shebao.ReasonNoPolicy, strconv.Itoa(year))
	}
	return p, err
}

// TermsFor returns a unit's rate terms for a year: its risk class and its
// floating injury rate of that year.
func TermsFor(ctx context.Context, tx shebao.Tx, u shebao.Unit, year int) (UnitTerms, error) {
	f, err := tx.UnitInjuryFloat(ctx, u.ID, year)
	return termsOf(u, f), err
}

// termsOf returns a unit's rate terms with its floating rate f of a year.
func termsOf(u shebao.Unit, f int64) UnitTerms {
	return UnitTerms{RiskClass: u.RiskClass, InjuryFloat: f}
}

// checkPeriod checks that p is a real period no later than the current
// business period; field names the input for messages.
func checkPeriod(ctx context.Context, tx shebao.Tx, today shebao.Date, p shebao.Period, field string) error {
	if !p.Valid() {
		return shebao.Invalid(field, shebao.ReasonPeriodMalformed)
	}
	cur, err := shebao.BusinessPeriod(ctx, tx, today)
	if err != nil {
		return err
	}
	if p > cur {
		return shebao.Invalid(field, shebao.ReasonPeriodFuture)
	}
	return nil
}

// ParsePeriod reads a period typed by a person ("2026-07"), with its error
// naming field.
func ParsePeriod(s, field string) (shebao.Period, error) {
	p, err := shebao.ParsePeriod(s)
	if err == nil && !p.Valid() {
		err = shebao.Invalid("", shebao.ReasonPeriodMalformed)
	}
	return p, shebao.WithField(err, field)
}

// CurrentPeriod returns today's business period (shebao.PolicyInForce).
func (s *Service) CurrentPeriod(ctx context.Context) (shebao.Period, error) {
	f, err := s.InForce(ctx)
	return f.Period, err
}

// InForce returns today's business period and the policy in force for it
// (shebao.PolicyInForce): EREFUSED ReasonNoPolicy when there is none.
func (s *Service) InForce(ctx context.Context) (shebao.InForce, error) {
	var f shebao.InForce
	err := s.Store.View(ctx, func(tx shebao.Tx) (err error) {
		f, err = shebao.PolicyInForce(ctx, tx, shebao.Today(s.Clock))
		return err
	})
	return f, err
}

// ExactYuan writes an amount before rounding, given in 1/100,000 fen (a
// base in fen times a rate per 100,000), as yuan with as many decimals as
// it needs and at least two: 12,800,528,000 → "1280.0528".
func ExactYuan(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	const scale = 10_000_000 // 1/100,000 fen per yuan
	frac := strconv.FormatInt(scale+n%scale, 10)[1:]
	frac = strings.TrimRight(frac, "0")
	for len(frac) < 2 {
		frac += "0"
	}
	return sign + strconv.FormatInt(n/scale, 10) + "." + frac
}

// ExactAmount writes an amount before rounding, given in 1/100,000 fen, for
// people: ExactYuan with the yuan sign and thousands separators, like
// shebao.Fen's String: 12,800,528,000 → "¥1,280.0528".
func ExactAmount(n int64) string {
	s := ExactYuan(n)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + "¥" + b.String() + "." + frac
}

package backpay

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"shebao"
	"shebao/rules"
)

// Service takes back-pay applications.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
}

// Request is a unit's back-pay application for one person: the months
// From..To (both included) at the declared monthly wage.
type Request struct {
	UnitID    int64 // staff acting for a unit; forced to the operator's own unit
	IDNumber  string
	From, To  shebao.Period
	Wage      shebao.Fen
	ClientKey string // idempotency key: a repeated submission returns the first item
}

// MaxMonths bounds the months of one application.
const MaxMonths = 240

// normalize checks the request's fields and puts the ID number in canonical
// form (a legacy 15-digit one is converted on the counter channel ch only,
// rules.ParseIDNumberAt). Errors: EINVALID naming the field at fault.
func (r *Request) normalize(today shebao.Date, ch shebao.Channel) error {
	if strings.TrimSpace(r.IDNumber) == "" {
		return shebao.Invalid("id_number", shebao.ReasonRequired)
	}
	id, err := rules.ParseIDNumberAt(r.IDNumber, ch, today)
	if err != nil {
		return shebao.WithField(err, "id_number")
	}
	r.IDNumber = id.Number
	switch {
	case r.From == 0:
		return shebao.Invalid("from", shebao.ReasonRequired)
	case !r.From.Valid():
		return shebao.Invalid("from", shebao.ReasonPeriodMalformed)
	case r.To == 0:
		return shebao.Invalid("to", shebao.ReasonRequired)
	case !r.To.Valid():
		return shebao.Invalid("to", shebao.ReasonPeriodMalformed)
	case r.To < r.From:
		return shebao.Invalid("to", shebao.ReasonRangeReversed)
	case r.From.MonthsUntil(r.To)+1 > MaxMonths:
		return shebao.Invalid("from", ReasonRangeTooLong, strconv.Itoa(MaxMonths))
	case r.Wage <= 0:
		return shebao.Invalid("wage", shebao.ReasonAmountZero)
	case r.Wage > shebao.MaxFen:
		return shebao.Invalid("wage", shebao.ReasonAmountTooLarge)
	case utf8.RuneCountInString(r.ClientKey) > 64:
		return shebao.Invalid("client_key", shebao.ReasonTooLong, "64")
	}
	return nil
}

// authorize sets the request's unit to the one a acts for
// (shebao.Actor.ActFor) and returns a on its role's channel.
func authorize(a shebao.Actor, r *Request) (shebao.Actor, error) {
	unitID, err := a.ActFor(r.UnitID)
	r.UnitID = unitID
	return a.OnItsChannel(), err
}

// Preview computes what the request comes to, writing nothing. Errors:
// EINVALID for malformed input, EFORBIDDEN, ENOTFOUND (field "unit"), and
// EINVALID with ReasonPersonUnknown (field "id_number").
func (s *Service) Preview(ctx context.Context, a shebao.Actor, r Request) (Quote, error) {
	today := shebao.Today(s.Clock)
	a, err := authorize(a, &r)
	if err != nil {
		return Quote{}, err
	}
	if err := r.normalize(today, a.Channel); err != nil {
		return Quote{}, err
	}
	var q Quote
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		f, err := gather(ctx, tx, r, today)
		if err != nil {
			return err
		}
		q = Compute(r, f, a.Channel, today)
		return nil
	})
	return q, err
}

// Submit computes the request again and records it as an item: in review
// with its months held when it passes, refused with its reasons when not.
// A repeated submission with the same ClientKey returns the first item.
// Errors: as Preview.
func (s *Service) Submit(ctx context.Context, a shebao.Actor, r Request) (shebao.Item, Quote, error) {
	now := s.Clock.Now()
	a, err := authorize(a, &r)
	if err != nil {
		return shebao.Item{}, Quote{}, err
	}
	if err := r.normalize(shebao.DateOf(now), a.Channel); err != nil {
		return shebao.Item{}, Quote{}, err
	}
	var it shebao.Item
	var q Quote
	err = shebao.Retry(func() error {
		return s.Store.InTx(ctx, func(tx shebao.Tx) error {
			var e error
			it, q, e = s.submitTx(ctx, tx, a, r, now)
			return e
		})
	})
	return it, q, err
}

func (s *Service) submitTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, r Request, now time.Time) (shebao.Item, Quote, error) {
	today := shebao.DateOf(now)
	if r.ClientKey != "" {
		it, err := tx.ItemByClientKey(ctx, r.UnitID, r.ClientKey)
		if err == nil {
			it, err = shebao.ReplayOf(a, it, shebao.ItemBackpay, r.IDNumber)
			return it, Quote{}, err
		}
		if shebao.ErrorCode(err) != shebao.ENOTFOUND {
			return shebao.Item{}, Quote{}, err
		}
	}
	f, err := gather(ctx, tx, r, today)
	if err != nil {
		return shebao.Item{}, Quote{}, err
	}
	q := Compute(r, f, a.Channel, today)
	it := newItem(a, q, f.Period, now)
	if err := tx.InsertItem(ctx, &it); err != nil {
		return shebao.Item{}, Quote{}, err
	}
	if it.Status == shebao.StatusInReview {
		if err := tx.InsertBackpayMonths(ctx, heldMonths(it, q)); err != nil {
			return shebao.Item{}, Quote{}, err
		}
	}
	e := shebao.AuditFor(a, now, "item."+string(shebao.ItemBackpay))
	e.UnitID, e.PersonID, e.ItemID = it.UnitID, it.PersonID, it.ID
	e.Detail = `{"receipt":"` + it.Receipt + `","status":"` + string(it.Status) + `","payload":` + it.Payload + `}`
	if err := tx.Audit(ctx, e); err != nil {
		return shebao.Item{}, Quote{}, err
	}
	return it, q, nil
}

// newItem returns the back-pay item of a quote: in review when it passes,
// refused with every reason (the first one's arguments) when not.
func newItem(a shebao.Actor, q Quote, period shebao.Period, now time.Time) shebao.Item {
	it := shebao.Item{Type: shebao.ItemBackpay, UnitID: q.Unit.ID, PersonID: q.Person.ID, IDNumber: q.Person.IDNumber,
		Channel: a.Channel, Terminal: a.Terminal, Period: period, Status: shebao.StatusInReview,
		Wage: q.Request.Wage, ClientKey: q.Request.ClientKey, Payload: EncodePayload(q),
		CreatedBy: a.AccountID, CreatedAt: now, UnitName: q.Unit.Name, PersonName: q.Person.Name}
	if n := len(q.Months); n > 0 {
		it.Base = q.Months[n-1].Base.Base
	}
	if !q.OK() {
		it.Status, it.DecidedAt = shebao.StatusRefused, now
		for _, r := range q.Refusals {
			it.Reasons = append(it.Reasons, r.Reason)
		}
		if len(q.Refusals) > 0 {
			it.ReasonArgs = q.Refusals[0].Args
		}
	}
	return it
}

func heldMonths(it shebao.Item, q Quote) []shebao.BackpayMonth {
	ms := make([]shebao.BackpayMonth, len(q.Months))
	for i, m := range q.Months {
		ms[i] = shebao.BackpayMonth{ItemID: it.ID, PersonID: it.PersonID, UnitID: it.UnitID, Period: m.Period,
			Status: shebao.BackpayPending, Base: m.Base.Base, Employer: m.Employer, Employee: m.Employee,
			LateDays: m.LateDays, LateFee: m.LateFee}
	}
	return ms
}

// gather reads the facts for a request inside tx.
func gather(ctx context.Context, tx shebao.Tx, r Request, today shebao.Date) (Facts, error) {
	f := Facts{Policies: map[int]shebao.Policy{}, InjuryFloat: map[int]int64{}}
	var err error
	if f.Unit, err = tx.Unit(ctx, r.UnitID); err != nil {
		return f, shebao.WithField(err, "unit")
	}
	in, err := shebao.PolicyInForce(ctx, tx, today)
	if err != nil {
		return f, err
	}
	f.Current, f.Period = in.Policy, in.Period
	if _, latest := Limits(f); r.To > latest {
		return f, shebao.Invalid("to", ReasonNotPast, latest.String())
	}
	if f.Person, err = tx.PersonByIDNumber(ctx, r.IDNumber); err != nil {
		if shebao.ErrorCode(err) == shebao.ENOTFOUND {
			return f, shebao.Invalid("id_number", shebao.ReasonPersonUnknown)
		}
		return f, err
	}
	if f.Registrations, err = tx.Registrations(ctx, f.Person.ID); err != nil {
		return f, err
	}
	if f.Coverages, err = tx.Coverages(ctx, f.Person.ID); err != nil {
		return f, err
	}
	if f.Held, err = tx.PersonBackpayMonths(ctx, f.Person.ID); err != nil {
		return f, err
	}
	for y := r.From.Year(); y <= r.To.Year(); y++ {
		p, err := tx.Policy(ctx, y)
		if shebao.ErrorCode(err) == shebao.ENOTFOUND {
			continue
		}
		if err != nil {
			return f, err
		}
		f.Policies[y] = p
		if f.InjuryFloat[y], err = tx.UnitInjuryFloat(ctx, f.Unit.ID, y); err != nil {
			return f, err
		}
	}
	return f, nil
}

// Payload is the JSON stored in a back-pay item's Payload: the request and
// the computed months, as submitted.
type Payload struct {
	From       string         `json:"from"`
	To         string         `json:"to"`
	Wage       int64          `json:"wage"`
	ComputedOn string         `json:"computed_on"`
	Months     []PayloadMonth `json:"months"`
	Employer   int64          `json:"employer"`
	Employee   int64          `json:"employee"`
	LateFee    int64          `json:"late_fee"`
	Total      int64          `json:"total"`
	Refusals   []PayloadError `json:"refusals,omitempty"`
}

// PayloadMonth is one month of a Payload; money in fen.
type PayloadMonth struct {
	Period   string `json:"period"`
	Base     int64  `json:"base"`
	Clamp    string `json:"clamp"`
	Employer int64  `json:"employer"`
	Employee int64  `json:"employee"`
	LateDays int    `json:"late_days"`
	LateFee  int64  `json:"late_fee"`
}

// PayloadError is a refusal in a Payload.
type PayloadError struct {
	Reason string   `json:"reason"`
	Args   []string `json:"args,omitempty"`
}

// EncodePayload returns the item payload of a quote.
func EncodePayload(q Quote) string {
	p := Payload{From: q.Request.From.String(), To: q.Request.To.String(), Wage: int64(q.Request.Wage),
		ComputedOn: q.Today.String(), Employer: int64(q.Employer), Employee: int64(q.Employee),
		LateFee: int64(q.LateFee), Total: int64(q.Total), Months: []PayloadMonth{}}
	for _, m := range q.Months {
		p.Months = append(p.Months, PayloadMonth{Period: m.Period.String(), Base: int64(m.Base.Base),
			Clamp: string(m.Base.Clamp), Employer: int64(m.Employer), Employee: int64(m.Employee),
			LateDays: m.LateDays, LateFee: int64(m.LateFee)})
	}
	for _, r := range q.Refusals {
		p.Refusals = append(p.Refusals, PayloadError{Reason: r.Reason, Args: r.Args})
	}
	b, _ := json.Marshal(p) // plain strings and numbers always marshal
	return string(b)
}

// DecodePayload reads a back-pay item's payload.
func DecodePayload(s string) (Payload, error) {
	var p Payload
	err := json.Unmarshal([]byte(s), &p)
	return p, err
}

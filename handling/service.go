// Package handling is the handling engine: it takes a unit's request for new
// enrollment (新参保), resumption (续保) or stop (停保), shows what would
// happen (period, base, clamp, or why it would be refused), and decides and
// applies it at once, in one transaction with its audit record.
package handling

import (
	"context"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"shebao"
	"shebao/rules"
)

// Service is the handling engine.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
	// Employment, when set, is asked for a person's employment
	// registrations before the transaction opens (e.g. the employment
	// service itself, employment.Remote); nil reads shebao's own copy with
	// the other facts.
	Employment RegistrationSource
	// Observe, when set, is told of every item Submit made (not replays)
	// and how long its submission took: the metrics (package metrics).
	Observe func(it shebao.Item, took time.Duration)
}

// RegistrationSource answers with a person's employment registrations
// (就业备案) with the units shebao knows. A source that cannot answer
// returns an error for the user (EREFUSED with a reason); nothing is
// written then.
type RegistrationSource interface {
	Registrations(ctx context.Context, idNumber string) ([]shebao.Registration, error)
}

// registrations asks the configured source, if any; ok is false when the
// engine should read its own copy in the transaction.
func (s *Service) registrations(ctx context.Context, idNumber string) (regs []shebao.Registration, ok bool, err error) {
	if s.Employment == nil {
		return nil, false, nil
	}
	regs, err = s.Employment.Registrations(ctx, idNumber)
	return regs, err == nil, err
}

// Request is what a unit asks for about one person.
type Request struct {
	Type       shebao.ItemType
	UnitID     int64 // staff acting for a unit; forced to the operator's own unit
	IDNumber   string
	Wage       shebao.Fen // declared monthly wage (enroll, resume)
	StopReason shebao.StopReason
	ClientKey  string // idempotency key: a repeated submission returns the first item

	// LegacyID is set by the engine when a clerk typed a legacy 15-digit
	// ID number: IDNumber then holds the number it converts to
	// (rules.ParseIDNumberAt).
	LegacyID string
	channel  shebao.Channel // the actor's channel, set by authorize
}

// maxClientKey bounds the idempotency key a client may send.
const maxClientKey = 64

// normalize checks the request's fields and puts the ID number in canonical
// form (a legacy 15-digit one converted at the counter only). It returns an EINVALID error naming the field at fault.
func (r *Request) normalize(today shebao.Date) error {
	if _, err := shebao.ParseItemType(string(r.Type)); err != nil {
		return err
	}
	if strings.TrimSpace(r.IDNumber) == "" {
		return shebao.Invalid("id_number", shebao.ReasonRequired)
	}
	id, err := rules.ParseIDNumberAt(r.IDNumber, r.channel, today)
	if err != nil {
		return err
	}
	r.IDNumber, r.LegacyID = id.Number, id.Legacy
	switch r.Type {
	case shebao.ItemEnroll, shebao.ItemResume:
		if r.Wage <= 0 {
			return shebao.Invalid("wage", shebao.ReasonAmountZero)
		}
		if r.Wage > shebao.MaxFen {
			return shebao.Invalid("wage", shebao.ReasonAmountTooLarge)
		}
	case shebao.ItemStop:
		if !validStopReason(r.StopReason) {
			return shebao.Invalid("stop_reason", shebao.ReasonUnknownStopReason)
		}
	}
	if utf8.RuneCountInString(r.ClientKey) > maxClientKey {
		return shebao.Invalid("client_key", shebao.ReasonTooLong, "64")
	}
	return nil
}

func validStopReason(s shebao.StopReason) bool {
	for _, r := range shebao.StopReasons {
		if r == s {
			return true
		}
	}
	return false
}

// authorize checks that a may handle items for the request's unit
// (shebao.Actor.ActFor), sets the request's unit to it, and returns a on
// the channel its role works on (shebao.ChannelFor).
func authorize(a shebao.Actor, r *Request) (shebao.Actor, error) {
	unitID, err := a.ActFor(r.UnitID)
	if err != nil {
		return a, err
	}
	a = a.OnItsChannel()
	r.UnitID, r.channel = unitID, a.Channel
	return a, nil
}

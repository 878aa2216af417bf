package demo

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"shebao"
	"shebao/billing"
	"shebao/employment"
	"shebao/handling"
)

// The demo's history is a plan of dated events that the real services carry
// out, each with the clock set to its moment: the employment system pushes
// registrations (employment.Service.Push), units' operators and clerks
// submit items (handling.Service.Submit, which decides them by the rules of
// that day), the office assesses and closes each period and clerks record
// payments (billing.Service). Nothing is written around the services, so
// the history obeys every rule the services enforce; an item the engine
// refuses stops the load with its reason, since the plan meant it to pass.

// kind is what an event does.
type kind int

const (
	evRegister kind = iota // the employment system pushes registrations
	evItem                 // an actor submits an item to the engine
	evClose                // the office assesses and closes a period
	evPaid                 // a clerk records the units' payment of a closed period
)

// event is one step of the history.
type event struct {
	at     time.Time
	kind   kind
	regs   []employment.Record // evRegister
	actor  shebao.Actor        // evItem
	req    handling.Request    // evItem
	period shebao.Period       // evClose, evPaid
	units  []int64             // evPaid
}

// segmentEvents bounds the events of one transaction.
const segmentEvents = 4000

// Progress is told, after each chunk of units (Build), how many units'
// histories are done, of all.
type Progress func(done, total int)

// history is the plan of a load.
type history struct {
	events []event
}

// add appends an event.
func (h *history) add(e event) { h.events = append(h.events, e) }

// run plans the history with plan, in the first transaction, then carries
// it out in time order in transactions of up to segmentEvents events each
// (txStore), so that building thousands of items costs a few commits, not
// one fsync each; last runs at the end of the last transaction. A small
// district is thus loaded in one transaction. plan must start afresh each
// time it is called: a transaction may be run again (sqldb.DB.InTx).
func (h *history) run(ctx context.Context, store shebao.Store, plan, last func(shebao.Tx) error) error {
	clock := &stepClock{}
	for i, n := 0, -1; n < 0 || i < n; {
		j := 0
		err := store.InTx(ctx, func(tx shebao.Tx) error {
			if i == 0 {
				if err := plan(tx); err != nil {
					return err
				}
				slices.SortStableFunc(h.events, func(a, b event) int { return a.at.Compare(b.at) })
				n = len(h.events)
			}
			j = min(i+segmentEvents, n)
			svc := newServices(txStore{tx}, clock)
			for k := i; k < j; k++ {
				clock.t = h.events[k].at
				if err := svc.do(ctx, h.events[k]); err != nil {
					return err
				}
			}
			if j == n {
				return last(tx)
			}
			return nil
		})
		if err != nil {
			return err
		}
		i = j
	}
	return nil
}

// services are the services the history's events call.
type services struct {
	handling   *handling.Service
	employment *employment.Service
	billing    *billing.Service
}

func newServices(store shebao.Store, clock shebao.Clock) services {
	return services{
		handling:   &handling.Service{Store: store, Clock: clock},
		employment: &employment.Service{Store: store, Clock: clock},
		billing:    &billing.Service{Store: store, Clock: clock},
	}
}

func (s services) do(ctx context.Context, e event) error {
	switch e.kind {
	case evRegister:
		for chunk := range slices.Chunk(e.regs, employment.MaxPush) {
			rep, err := s.employment.Push(ctx, chunk)
			if err != nil {
				return err
			}
			if rep.Rejected > 0 {
				r := rep.Rejects[0]
				return fmt.Errorf("demo: %s: registration %s refused: %s %s %v", shebao.DateOf(e.at), r.SourceID, r.Field, r.Reason, r.Args)
			}
		}
	case evItem:
		it, err := s.handling.Submit(ctx, e.actor, e.req)
		if err != nil {
			return err
		}
		if it.Status != shebao.StatusApproved {
			return fmt.Errorf("demo: %s: %s of %s at unit %d refused: %v %v", shebao.DateOf(e.at), e.req.Type, e.req.IDNumber, e.req.UnitID, it.Reasons, it.ReasonArgs)
		}
	case evClose:
		if _, err := s.billing.Assess(ctx, e.period, nil); err != nil {
			return fmt.Errorf("demo: assess %s: %w", e.period, err)
		}
		if _, err := s.billing.Close(ctx, e.period); err != nil {
			return fmt.Errorf("demo: close %s: %w", e.period, err)
		}
	case evPaid:
		for _, u := range e.units {
			err := s.billing.SetPaid(ctx, e.actor, u, e.period, true)
			if err != nil && shebao.ErrorCode(err) != shebao.ENOTFOUND { // ENOTFOUND: nothing due
				return err
			}
		}
	}
	return nil
}

// txStore runs every transaction a service opens inside one transaction
// of the load: the services' code runs unchanged, and their writes commit
// together. The load is the only writer, so nothing can conflict; an error
// rolls back the whole transaction.
type txStore struct{ tx shebao.Tx }

func (s txStore) InTx(_ context.Context, fn func(shebao.Tx) error) error { return fn(s.tx) }
func (s txStore) View(_ context.Context, fn func(shebao.Tx) error) error { return fn(s.tx) }

// stepClock is the history's clock: the moment of the event being carried
// out.
type stepClock struct{ t time.Time }

func (c *stepClock) Now() time.Time { return c.t }

// at returns the moment on day d at the given seconds after 08:30.
func at(d shebao.Date, sec int) time.Time {
	return d.Time().Add(8*time.Hour + 30*time.Minute + time.Duration(sec)*time.Second)
}

// registration is the employment system's record of p's employment with
// u from start, registered on the day it is pushed.
func registration(sourceID string, p shebao.Person, u shebao.Unit, start, on, end shebao.Date) employment.Record {
	r := employment.Record{SourceID: sourceID, IDNumber: p.IDNumber, Name: p.Name, CreditCode: u.CreditCode,
		Start: start.String(), RegisteredOn: on.String()}
	if !end.IsZero() {
		r.End = end.String()
	}
	return r
}

// push is a registration the employment system sends on a day from `from`
// (when it is made or changed) through `by` (the day an item needs it).
type push struct {
	rec      employment.Record
	from, by shebao.Date
}

// schedulePushes plans the employment system's pushes: as few as cover
// every registration in its window, each sent at 08:00, before the day's
// items. (The fewest points stabbing a set of intervals: take them by
// their end, and push at the end of the first one not yet sent.)
func (h *history) schedulePushes(pushes []push) {
	slices.SortStableFunc(pushes, func(a, b push) int { return cmp.Compare(a.by, b.by) })
	sent := make([]bool, len(pushes))
	for i := range pushes {
		if sent[i] {
			continue
		}
		day := pushes[i].by
		e := event{at: at(day, -1800), kind: evRegister}
		for j := i; j < len(pushes); j++ {
			if !sent[j] && pushes[j].from <= day {
				sent[j] = true
				e.regs = append(e.regs, pushes[j].rec)
			}
		}
		h.add(e)
	}
}

// count adds the plan's items to into, by month and channel, from month
// since on.
func (h *history) count(into map[shebao.Period]map[shebao.Channel]int, since shebao.Period) {
	for _, e := range h.events {
		if e.kind != evItem {
			continue
		}
		m := shebao.DateOf(e.at).Period()
		if m < since {
			continue
		}
		if into[m] == nil {
			into[m] = map[shebao.Channel]int{}
		}
		into[m][e.actor.Channel]++
	}
}

// mixOf lists counts by month, in order.
func mixOf(counts map[shebao.Period]map[shebao.Channel]int) []MonthMix {
	var mix []MonthMix
	for m, items := range counts {
		mix = append(mix, MonthMix{Month: m, Items: items})
	}
	slices.SortFunc(mix, func(a, b MonthMix) int { return cmp.Compare(a.Month, b.Month) })
	return mix
}

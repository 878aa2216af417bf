package loadgen

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"

	"shebao"
	"shebao/handling"
)

// fillChunk is how many submissions Fill commits in one transaction.
const fillChunk = 2000

// Fill adds n items to the units of the given operators, spread evenly:
// the load's submissions (an enrollment of a person of the unit's roster,
// refused because the person is insured, with a fresh idempotency key),
// made by handling.Service.Submit as the operator on the online channel,
// so each is decided by the engine and written with its audit record as a
// submission over the API is. Only the transactions differ: fillChunk
// submissions commit together, so that adding a unit's history of 100,000
// items takes minutes, not an fsync each. It makes "does the server slow
// down as a unit's history grows" measurable (docs/PERFORMANCE.md).
func Fill(ctx context.Context, store shebao.Store, clock shebao.Clock, users []string, n int, progress io.Writer) error {
	if len(users) == 0 {
		return fmt.Errorf("fill: no operators")
	}
	ops := make([]filler, len(users))
	for i, u := range users {
		f, err := newFiller(ctx, store, u)
		if err != nil {
			return err
		}
		ops[i] = f
	}
	for done := 0; done < n; {
		chunk := min(fillChunk, n-done)
		err := store.InTx(ctx, func(tx shebao.Tx) error {
			svc := &handling.Service{Store: txStore{tx}, Clock: clock}
			for i := range chunk {
				f := &ops[(done+i)%len(ops)]
				req := handling.Request{Type: shebao.ItemEnroll, IDNumber: f.next(), Wage: 900000, ClientKey: rand.Text()}
				if _, err := svc.Submit(ctx, f.actor, req); err != nil {
					return fmt.Errorf("fill: submit for %s: %w", f.actor.Username, err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		done += chunk
		if progress != nil {
			fmt.Fprintf(progress, "fill: %d of %d items\n", done, n)
		}
	}
	return nil
}

// filler is one operator of Fill with the ID numbers of the unit's roster.
type filler struct {
	actor   shebao.Actor
	persons []string
	i       int
}

func newFiller(ctx context.Context, store shebao.Store, username string) (filler, error) {
	var f filler
	err := store.View(ctx, func(tx shebao.Tx) error {
		acc, err := tx.AccountByUsername(ctx, username)
		if err != nil {
			return fmt.Errorf("fill: operator %s: %w", username, err)
		}
		if acc.Role != shebao.RoleOperator {
			return fmt.Errorf("fill: %s is no unit's operator", username)
		}
		f.actor = shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID}.OnItsChannel()
		rows, _, err := tx.Roster(ctx, acc.UnitID, "", 100, 0)
		for _, r := range rows {
			f.persons = append(f.persons, r.Person.IDNumber)
		}
		if err == nil && len(f.persons) == 0 {
			err = fmt.Errorf("fill: the roster of %s's unit is empty", username)
		}
		return err
	})
	return f, err
}

func (f *filler) next() string {
	f.i++
	return f.persons[f.i%len(f.persons)]
}

// txStore runs the transactions a service opens inside Fill's transaction.
type txStore struct{ tx shebao.Tx }

func (s txStore) InTx(_ context.Context, fn func(shebao.Tx) error) error { return fn(s.tx) }
func (s txStore) View(_ context.Context, fn func(shebao.Tx) error) error { return fn(s.tx) }

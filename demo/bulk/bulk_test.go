package bulk_test

import (
	"context"
	"testing"
	"time"

	"shebao"
	"shebao/billing"
	"shebao/demo/bulk"
	"shebao/handling"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// TestLoad writes a small benchmark district and checks that it is one the
// services accept: valid ID numbers and credit codes, each coverage with
// its person's registration at the unit, every line assessed, and the
// engine stopping a bulk person's insurance at the counter.
func TestLoad(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		size := bulk.Size{Persons: 60, PerUnit: 7, First: shebao.NewPeriod(2026, 1), Months: 3}
		if err := bulk.Load(ctx, db, size); err != nil {
			t.Fatal(err)
		}
		today := shebao.NewDate(2026, 7, 8)
		clock := fixedClock(today.Time().Add(10 * time.Hour))
		if err := db.InTx(ctx, func(tx shebao.Tx) error {
			for y := 2025; y <= 2027; y++ {
				p := rules.DefaultPolicy(y, 1_120_000)
				if err := tx.SavePolicy(ctx, &p); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var stopUnit int64
		var stopID string
		err := db.View(ctx, func(tx shebao.Tx) error {
			for id := int64(1); id <= int64(size.Units()); id++ {
				u, err := tx.Unit(ctx, id)
				if err != nil {
					return err
				}
				if _, err := rules.ParseCreditCode(u.CreditCode); err != nil {
					t.Errorf("unit %d: credit code %s: %v", id, u.CreditCode, err)
				}
			}
			for id := int64(1); id <= int64(size.Persons); id++ {
				p, err := tx.Person(ctx, id)
				if err != nil {
					return err
				}
				info, err := rules.ParseIDNumber(p.IDNumber, today)
				if err != nil || info.Sex != p.Sex || info.Birth != p.BirthDate {
					t.Errorf("person %d: ID number %s (%v) against sex %s, birth %s", id, p.IDNumber, err, p.Sex, p.BirthDate)
				}
				regs, err := tx.Registrations(ctx, id)
				if err != nil {
					return err
				}
				covs, err := tx.Coverages(ctx, id)
				if err != nil {
					return err
				}
				if len(regs) != 1 || len(covs) != 4 {
					t.Fatalf("person %d: %d registrations, %d coverages", id, len(regs), len(covs))
				}
				for _, c := range covs {
					if c.UnitID != regs[0].UnitID || c.Status != shebao.CoverageActive || regs[0].RegisteredOn >= c.FirstPeriod.FirstDay() {
						t.Errorf("person %d: coverage %+v against registration %+v", id, c, regs[0])
					}
				}
				stopUnit, stopID = regs[0].UnitID, p.IDNumber
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		run, err := (&billing.Service{Store: db, Clock: clock}).Assess(ctx, shebao.NewPeriod(2026, 6), nil)
		if err != nil || run.Lines != 4*size.Persons || run.Units != size.Units() {
			t.Errorf("assessment of 2026-06: %+v, %v; want %d lines in %d units", run, err, 4*size.Persons, size.Units())
		}
		clerk := shebao.Actor{AccountID: 1, Username: "clerk", Role: shebao.RoleClerk, Channel: shebao.Counter}
		it, err := (&handling.Service{Store: db, Clock: clock}).Submit(ctx, clerk, handling.Request{
			Type: shebao.ItemStop, UnitID: stopUnit, IDNumber: stopID, StopReason: shebao.StopResignation})
		if err != nil || it.Status != shebao.StatusApproved {
			t.Errorf("stop of bulk person %s: %+v, %v", stopID, it, err)
		}
	})
}

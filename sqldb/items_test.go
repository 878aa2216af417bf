package sqldb_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestItems(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		p := newPerson(t, db, idNumber(1), "张三")
		it := newItem(u, p, t0)
		it.Channel, it.Terminal, it.ClientKey = shebao.SelfService, "HALL-01", "key-1"
		it.Status, it.Reasons, it.ReasonArgs = shebao.StatusRefused, []string{"REGISTERED_TODAY", "X"}, []string{"2026-07-09"}
		update(t, db, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &it) })
		if want := fmt.Sprintf("SB20260708-%07d", it.ID); it.Receipt != want {
			t.Errorf("Receipt = %q, want %q", it.Receipt, want)
		}
		view(t, db, func(tx shebao.Tx) error {
			for name, get := range map[string]func() (shebao.Item, error){
				"Item":            func() (shebao.Item, error) { return tx.Item(ctx, it.ID) },
				"ItemByClientKey": func() (shebao.Item, error) { return tx.ItemByClientKey(ctx, u.ID, "key-1") },
			} {
				got, err := get()
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				diff(t, name, got, it)
			}
			return nil
		})
		for name, get := range map[string]func(tx shebao.Tx) error{
			"Item":                  func(tx shebao.Tx) error { _, err := tx.Item(ctx, it.ID+1); return err },
			"ItemByClientKey":       func(tx shebao.Tx) error { _, err := tx.ItemByClientKey(ctx, u.ID, "key-2"); return err },
			"ItemByClientKey empty": func(tx shebao.Tx) error { _, err := tx.ItemByClientKey(ctx, u.ID, ""); return err },
		} {
			t.Run(name, func(t *testing.T) { wantCode(t, db.View(ctx, get), shebao.ENOTFOUND) })
		}
		noTime := newItem(u, p, time.Time{})
		wantCode(t, db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &noTime) }), shebao.EINVALID)
	})
}

func TestItemReceipts(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		p := newPerson(t, db, idNumber(1), "张三")
		// 2026-07-08 23:30 UTC is 2026-07-09 in the office's zone.
		late := time.Date(2026, 7, 8, 23, 30, 0, 0, time.UTC)
		seen := map[string]bool{}
		re := regexp.MustCompile(`^SB20260709-\d{7}$`)
		update(t, db, func(tx shebao.Tx) error {
			for range 3 {
				it := newItem(u, p, late)
				if err := tx.InsertItem(ctx, &it); err != nil {
					return err
				}
				if !re.MatchString(it.Receipt) || seen[it.Receipt] {
					t.Errorf("receipt %q: malformed or repeated", it.Receipt)
				}
				seen[it.Receipt] = true
			}
			return nil
		})
		if got := sqldb.Receipt(20260709, 12345678); got != "SB20260709-12345678" {
			t.Errorf("Receipt with a long id = %q", got)
		}
		// The INSERT builds the receipt itself: beyond 7 digits too.
		if db.Dialect() == sqldb.Postgres {
			exec(t, db, `SELECT setval('items_id_seq', 12345677)`)
		} else {
			exec(t, db, fmt.Sprintf(`INSERT INTO items (id, type, unit_id, channel, status, created_at, created_day)
				VALUES (12345677, 'enroll', %d, 'online', 'approved', 1, 20260709)`, u.ID))
		}
		update(t, db, func(tx shebao.Tx) error {
			it := newItem(u, p, late)
			err := tx.InsertItem(ctx, &it)
			if it.ID != 12345678 || it.Receipt != "SB20260709-12345678" {
				t.Errorf("item %d, receipt %q, want 12345678, SB20260709-12345678", it.ID, it.Receipt)
			}
			return err
		})
	})
}

func TestItemClientKey(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u1 := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		u2 := newUnit(t, db, "91110000BBBBBBBBB2", "乙公司")
		p := newPerson(t, db, idNumber(1), "张三")
		insert := func(u shebao.Unit, key string) error {
			it := newItem(u, p, t0)
			it.ClientKey = key
			return db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &it) })
		}
		for _, tt := range []struct {
			unit shebao.Unit
			key  string
			code string
		}{
			{u1, "k", ""},
			{u1, "k", shebao.ECONFLICT}, // a repeated submission
			{u2, "k", ""},               // the same key at another unit
			{u1, "", ""},                // no key: never a conflict
			{u1, "", ""},
		} {
			wantCode(t, insert(tt.unit, tt.key), tt.code)
		}
	})
}

func TestSetItemStatus(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		p := newPerson(t, db, idNumber(1), "张三")
		it := newItem(u, p, t0)
		it.Status, it.DecidedAt = shebao.StatusInReview, time.Time{}
		update(t, db, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &it) })

		decided := t0.Add(time.Hour)
		set := func(from, to shebao.ItemStatus) error {
			return db.InTx(ctx, func(tx shebao.Tx) error {
				return tx.SetItemStatus(ctx, it.ID, from, to, []string{"DOCS_MISSING"}, decided)
			})
		}
		if err := set(shebao.StatusInReview, shebao.StatusReturned); err != nil {
			t.Fatal(err)
		}
		wantCode(t, set(shebao.StatusInReview, shebao.StatusApproved), shebao.ECONFLICT)
		wantCode(t, db.InTx(ctx, func(tx shebao.Tx) error {
			return tx.SetItemStatus(ctx, it.ID+1, shebao.StatusInReview, shebao.StatusApproved, nil, decided)
		}), shebao.ENOTFOUND)

		it.Status, it.Reasons, it.DecidedAt = shebao.StatusReturned, []string{"DOCS_MISSING"}, decided
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Item(ctx, it.ID)
			diff(t, "returned item", got, it)
			return err
		})
	})
}

package sqldb_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestItemsFilter(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u1 := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		u2 := newUnit(t, db, "91110000BBBBBBBBB2", "乙公司")
		p1 := newPerson(t, db, idNumber(1), "张三")
		p2 := newPerson(t, db, idNumber(2), "李四")
		day := func(d int) time.Time { return time.Date(2026, 7, d, 10, 0, 0, 0, shebao.Office) }
		mk := func(u shebao.Unit, p shebao.Person, d int, typ shebao.ItemType, st shebao.ItemStatus, ch shebao.Channel) shebao.Item {
			it := newItem(u, p, day(d))
			it.Type, it.Status, it.Channel = typ, st, ch
			return it
		}
		items := []shebao.Item{
			mk(u1, p1, 1, shebao.ItemEnroll, shebao.StatusApproved, shebao.Online),
			mk(u1, p1, 2, shebao.ItemStop, shebao.StatusApproved, shebao.SelfService),
			mk(u1, p2, 3, shebao.ItemEnroll, shebao.StatusRefused, shebao.Online),
			mk(u2, p2, 4, shebao.ItemResume, shebao.StatusInReview, shebao.Counter),
			mk(u1, p2, 5, shebao.ItemEnroll, shebao.StatusApproved, shebao.Online),
		}
		update(t, db, func(tx shebao.Tx) error {
			for i := range items {
				if err := tx.InsertItem(ctx, &items[i]); err != nil {
					return err
				}
			}
			return nil
		})
		at := func(idx ...int) []shebao.Item { // as listed: without what no list shows
			out := []shebao.Item{}
			for _, i := range idx {
				it := items[i]
				it.ClientKey, it.CreatedBy, it.Note = "", 0, ""
				out = append(out, it)
			}
			return out
		}
		tests := []struct {
			name  string
			f     shebao.ItemFilter
			want  []shebao.Item
			total int
		}{
			{"all", shebao.ItemFilter{}, at(4, 3, 2, 1, 0), 5},
			{"unit", shebao.ItemFilter{UnitID: u1.ID}, at(4, 2, 1, 0), 4},
			{"person", shebao.ItemFilter{PersonID: p2.ID}, at(4, 3, 2), 3},
			{"type", shebao.ItemFilter{Type: shebao.ItemEnroll}, at(4, 2, 0), 3},
			{"status", shebao.ItemFilter{Status: shebao.StatusApproved}, at(4, 1, 0), 3},
			{"channel", shebao.ItemFilter{Channel: shebao.SelfService}, at(1), 1},
			{"from", shebao.ItemFilter{From: day(3)}, at(4, 3, 2), 3},
			{"to", shebao.ItemFilter{To: day(3)}, at(1, 0), 2},
			{"from-to", shebao.ItemFilter{From: day(2), To: day(4)}, at(2, 1), 2},
			{"combined", shebao.ItemFilter{UnitID: u1.ID, PersonID: p2.ID, Type: shebao.ItemEnroll, Status: shebao.StatusRefused}, at(2), 1},
			{"page 1", shebao.ItemFilter{Limit: 2}, at(4, 3), 5},
			{"page 2", shebao.ItemFilter{Limit: 2, Offset: 2}, at(2, 1), 5},
			{"page 3", shebao.ItemFilter{Limit: 2, Offset: 4}, at(0), 5},
			{"past the end", shebao.ItemFilter{Limit: 2, Offset: 10}, at(), 5},
			{"none", shebao.ItemFilter{UnitID: u2.ID, Status: shebao.StatusApproved}, at(), 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				check := func(how string, got []shebao.Item, total int, err error) {
					if err != nil {
						t.Fatalf("%s: %v", how, err)
					}
					diff(t, how, got, tt.want)
					if total != tt.total {
						t.Errorf("%s: total = %d, want %d", how, total, tt.total)
					}
				}
				view(t, db, func(tx shebao.Tx) error {
					got, total, err := tx.Items(ctx, tt.f)
					check("tx.Items", got, total, err)
					return nil
				})
				got, total, err := db.ItemsNow(ctx, tt.f)
				check("ItemsNow", got, total, err)
			})
		}
	})
}

// TestItemsCountCapped: a list's count stops at the page's start plus
// shebao.CountCap, so that it does not read the unit's whole history; the
// page itself is unaffected.
func TestItemsCountCapped(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		p := newPerson(t, db, idNumber(1), "张三")
		n := shebao.CountCap + 5
		start := time.Date(2026, 7, 1, 9, 0, 0, 0, shebao.Office)
		update(t, db, func(tx shebao.Tx) error {
			for i := range n {
				it := newItem(u, p, start.Add(time.Duration(i)*time.Second))
				if err := tx.InsertItem(ctx, &it); err != nil {
					return err
				}
			}
			return nil
		})
		tests := []struct {
			name      string
			f         shebao.ItemFilter
			wantTotal int
			wantMore  bool
		}{
			{"first page", shebao.ItemFilter{UnitID: u.ID, Limit: 20}, shebao.CountCap, true},
			{"near the end", shebao.ItemFilter{UnitID: u.ID, Limit: 20, Offset: 10}, n, false},
			{"one short of the cap", shebao.ItemFilter{UnitID: u.ID, Limit: 20, Offset: 4}, 4 + shebao.CountCap, true},
			{"exactly the cap", shebao.ItemFilter{UnitID: u.ID, Limit: 20, Offset: 5}, n, false},
			{"filtered below the cap", shebao.ItemFilter{UnitID: u.ID, Limit: 20, From: start.Add(time.Duration(n-30) * time.Second)}, 30, false},
		}
		for _, tt := range tests {
			view(t, db, func(tx shebao.Tx) error {
				items, raw, err := tx.Items(ctx, tt.f)
				if err != nil {
					return err
				}
				total, more := shebao.CountOf(raw, tt.f.Offset)
				if total != tt.wantTotal || more != tt.wantMore {
					t.Errorf("%s: count %d, more %v; want %d, %v", tt.name, total, more, tt.wantTotal, tt.wantMore)
				}
				want := min(20, tt.wantTotal-tt.f.Offset)
				if len(items) != want || !items[0].CreatedAt.Equal(start.Add(time.Duration(n-1-tt.f.Offset)*time.Second)) {
					t.Errorf("%s: %d items from %v, want %d from the newest after the offset", tt.name, len(items), items[0].CreatedAt, want)
				}
				return nil
			})
		}
	})
}

// TestItemListPlans: a unit's list filtered by status, by type or to the
// late enrollments reads through its own index (migration 00016), page and
// count alike, and never through a bitmap scan, which reads every entry of
// the index range before the LIMIT applies (docs/PERFORMANCE.md, "Item
// lists (stop 10)"). Without them such a list read the unit's whole
// history until it had the page and the count.
func TestItemListPlans(t *testing.T) {
	tests := []struct {
		name  string
		f     shebao.ItemFilter
		index string
	}{
		{"status", shebao.ItemFilter{Status: shebao.StatusRefused}, "items_unit_status"},
		{"type", shebao.ItemFilter{Type: shebao.ItemBackpay}, "items_unit_type"},
		{"late", shebao.ItemFilter{LateOnly: true}, "items_unit_late"},
		{"status and late", shebao.ItemFilter{Status: shebao.StatusApproved, LateOnly: true}, "items_unit_late"},
		{"type and status", shebao.ItemFilter{Type: shebao.ItemEnroll, Status: shebao.StatusInReview}, "items_unit_"},
	}
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		for _, tt := range tests {
			f := tt.f
			f.UnitID, f.Limit = 1, 20
			list, listArgs, count, countArgs := sqldb.ItemsQueryForTest(db.Dialect(), f)
			for _, q := range []struct {
				what, query string
				args        []any
			}{{"page and count", list, listArgs}, {"count alone", count, countArgs}} {
				p := plan(t, db, q.query, q.args...)
				if !strings.Contains(p, tt.index) || strings.Contains(p, "items_unit_created") ||
					strings.Contains(p, "Bitmap") || strings.Contains(p, "SCAN i\n") {
					t.Errorf("%s, %s: plan does not read through %s alone:\n%s", tt.name, q.what, tt.index, p)
				}
			}
		}
	})
}

// TestLateListAfterMigration: the late enrollments stored before migration
// 00016 are listed by the late-only filter after it, through the index it
// adds, and only they: items_unit_late is built from the payloads already
// stored, as the list's own condition reads them (shebao.NotesOf).
func TestLateListAfterMigration(t *testing.T) {
	for _, dialect := range []string{sqldb.SQLite, sqldb.Postgres} {
		t.Run(dialect, func(t *testing.T) {
			db := openAtVersion(t, dialect, 12)
			late := func(days int) string {
				return shebao.ItemNotes{Late: &shebao.LateEnrollment{Start: "2026-05-01", Deadline: "2026-05-31", Days: days}}.Payload()
			}
			payloads := []string{
				late(3), "", late(40), shebao.ItemNotes{LegacyID: "110105900101123"}.Payload(),
				`{"from":"2026-01","to":"2026-03","late_fee":1200,"months":[]}`, // a back-pay's
				shebao.ItemNotes{LegacyID: "110105900101123", Late: &shebao.LateEnrollment{Days: 1}}.Payload(), "",
			}
			exec(t, db, `INSERT INTO units (id, credit_code, name) VALUES (1, '91110000AAAAAAAAA1', '甲公司'), (2, '91110000BBBBBBBBB2', '乙公司')`,
				`INSERT INTO persons (id, id_number, name) VALUES (1, '`+idNumber(1)+`', '张三')`)
			start := time.Date(2026, 7, 1, 9, 0, 0, 0, shebao.Office)
			for i, p := range append(payloads, payloads...) { // unit 1's, then unit 2's
				exec(t, db, fmt.Sprintf(`INSERT INTO items (type, unit_id, person_id, channel, status, created_at, created_day, payload)
					VALUES ('enroll', %d, 1, 'online', 'approved', %d, 20260701, '%s')`,
					1+i/len(payloads), start.Add(time.Duration(i)*time.Minute).UnixMicro(), p))
			}
			if err := db.Migrate(t.Context()); err != nil {
				t.Fatal(err)
			}
			f := shebao.ItemFilter{UnitID: 1, LateOnly: true, Limit: 20}
			got, total, err := db.ItemsNow(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			var days []int
			for _, it := range got {
				if it.UnitID != 1 || shebao.NotesOf(it).Late == nil {
					t.Errorf("listed item %d of unit %d, payload %s", it.ID, it.UnitID, it.Payload)
				} else {
					days = append(days, shebao.NotesOf(it).Late.Days)
				}
			}
			if fmt.Sprint(days) != "[1 40 3]" || total != 3 {
				t.Errorf("late enrollments of unit 1: days late %v, total %d; want [1 40 3], 3", days, total)
			}
			list, args, _, _ := sqldb.ItemsQueryForTest(dialect, f)
			if p := plan(t, db, list, args...); !strings.Contains(p, "items_unit_late") {
				t.Errorf("the late list does not read items_unit_late:\n%s", p)
			}
		})
	}
}

// TestItemsNowOneStatement: a list is one statement, its count riding on
// the page's, with no transaction around it; only an empty page after the
// first needs its count alone (docs/PERFORMANCE.md, "Item lists").
func TestItemsNowOneStatement(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		p := newPerson(t, db, idNumber(1), "张三")
		update(t, db, func(tx shebao.Tx) error {
			for i := range 3 {
				it := newItem(u, p, time.Date(2026, 7, 1+i, 9, 0, 0, 0, shebao.Office))
				if err := tx.InsertItem(t.Context(), &it); err != nil {
					return err
				}
			}
			return nil
		})
		for _, tt := range []struct {
			offset, items, total, statements int
		}{{0, 2, 3, 1}, {2, 1, 3, 1}, {10, 0, 3, 2}} {
			stop := db.CountStatements()
			items, total, err := db.ItemsNow(t.Context(), shebao.ItemFilter{UnitID: u.ID, Limit: 2, Offset: tt.offset})
			n := stop()
			if err != nil || len(items) != tt.items || total != tt.total || n != tt.statements {
				t.Errorf("offset %d: %d items, total %d, %d statements (%v); want %d, %d, %d",
					tt.offset, len(items), total, n, err, tt.items, tt.total, tt.statements)
			}
		}
	})
}

// TestItemsCountBounded: on SQLite, a list's statement (page and count)
// takes as many steps of the VM for a unit with four times the cap's
// history as for one just past the cap: the count reads no further than
// the cap, however many items the load adds to the unit; and past the cap
// it only checks that the cap's row exists (3 steps a row; counting took 8
// a row: 2,544 steps in all). A unit under the cap is counted in 3 steps a
// row after the check (a unit of 60 items: 1,317 steps, against 1,418).
// (PostgreSQL: TestHotQueryPlans, TestItemListPlans: no bitmap scan, which
// would read the whole history.)
func TestItemsCountBounded(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	ctx := t.Context()
	u1 := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
	u2 := newUnit(t, db, "91110000BBBBBBBBB2", "乙公司")
	u3 := newUnit(t, db, "91110000CCCCCCCCC3", "丙公司")
	p := newPerson(t, db, idNumber(1), "张三")
	start := time.Date(2026, 7, 1, 9, 0, 0, 0, shebao.Office)
	update(t, db, func(tx shebao.Tx) error {
		for u, n := range map[shebao.Unit]int{u1: shebao.CountCap + 5, u2: 4 * shebao.CountCap, u3: 60} {
			for i := range n {
				it := newItem(u, p, start.Add(time.Duration(i)*time.Second))
				if err := tx.InsertItem(ctx, &it); err != nil {
					return err
				}
			}
		}
		return nil
	})
	steps := func(unit int64) int {
		list, args, _, _ := sqldb.ItemsQueryForTest(sqldb.SQLite, shebao.ItemFilter{UnitID: unit, Limit: 20})
		n, err := db.VMStepsForTest(ctx, list, args)
		if err != nil {
			t.Fatal(err)
		}
		return n[0]
	}
	short, long, small := steps(u1.ID), steps(u2.ID), steps(u3.ID)
	if short != long {
		t.Errorf("the first page of a unit of %d items took %d steps, of %d items %d", shebao.CountCap+5, short,
			4*shebao.CountCap, long)
	}
	// 1,545 steps: the page's 20 rows and the 201st row found (3 steps a row).
	if long > 1700 {
		t.Errorf("the first page of a unit past the cap took %d steps, not 1,545", long)
	}
	if small > 1350 {
		t.Errorf("the first page of a unit of 60 items took %d steps, not 1,317", small)
	}
}

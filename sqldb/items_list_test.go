package sqldb_test

import (
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

package sqldb_test

import (
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestAuditLog(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		actor := shebao.Actor{AccountID: 3, Username: "zhang", Role: shebao.RoleOperator, UnitID: 10,
			Channel: shebao.SelfService, Terminal: "HALL-01"}
		mk := func(min int, action string, person int64) shebao.AuditEntry {
			e := shebao.AuditFor(actor, t0.Add(time.Duration(min)*time.Minute), action)
			e.PersonID, e.ItemID, e.Detail = person, int64(min), `{"wage":800000}`
			return e
		}
		entries := []shebao.AuditEntry{mk(0, "login.ok", 0), mk(1, "item.enroll", 20), mk(2, "item.stop", 21), mk(3, "itemx", 0)}
		entries[3].AccountID, entries[3].UnitID = 4, 11
		update(t, db, func(tx shebao.Tx) error {
			for _, e := range entries {
				if err := tx.Audit(ctx, e); err != nil {
					return err
				}
			}
			return nil
		})
		// IDs are assigned in insertion order from 1 in a fresh database.
		for i := range entries {
			entries[i].ID = int64(i + 1)
		}
		at := func(idx ...int) []shebao.AuditEntry {
			var out []shebao.AuditEntry
			for _, i := range idx {
				out = append(out, entries[i])
			}
			return out
		}
		tests := []struct {
			name  string
			f     shebao.AuditFilter
			want  []shebao.AuditEntry
			total int
		}{
			{"all", shebao.AuditFilter{}, at(3, 2, 1, 0), 4},
			{"unit", shebao.AuditFilter{UnitID: 10}, at(2, 1, 0), 3},
			{"person", shebao.AuditFilter{PersonID: 21}, at(2), 1},
			{"account", shebao.AuditFilter{AccountID: 4}, at(3), 1},
			{"action prefix", shebao.AuditFilter{Action: "item."}, at(2, 1), 2},
			{"from-to", shebao.AuditFilter{From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}, at(2, 1), 2},
			{"paged", shebao.AuditFilter{Limit: 1, Offset: 1}, at(2), 4},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				view(t, db, func(tx shebao.Tx) error {
					got, total, err := sqldbtest.AuditLog(ctx, tx, tt.f)
					diff(t, "AuditLog", got, tt.want)
					if total != tt.total {
						t.Errorf("total = %d, want %d", total, tt.total)
					}
					return err
				})
			})
		}
	})
}

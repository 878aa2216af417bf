package register_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shebao"
	"shebao/admin"
	"shebao/register"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func missing(cs []register.Check) string {
	var out []string
	for _, c := range cs {
		if !c.OK {
			out = append(out, c.Key)
		}
	}
	return strings.Join(out, " ")
}

// An empty database is not ready; with an administrator, the policy years
// back-pay reaches, a register, a signing key and a fresh backup it is.
func TestReadiness(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := &register.Service{Store: db, Clock: shebao.FixedDayClock{Day: day}}
		cs, err := s.Readiness(t.Context(), admin.CommandLine, register.Setup{})
		if err != nil {
			t.Fatal(err)
		}
		if register.Ready(cs) || missing(cs) != "admin policy next_policy units persons registrations kiosks proof_key backup" {
			t.Fatalf("empty database: missing %q", missing(cs))
		}
		s, dir := setup(t, db, 2, 4) // this year's policy
		if rep := importDir(t, s, dir, true); !rep.Applied {
			t.Fatal(rep.Problems)
		}
		as := &admin.Service{Store: db, Clock: shebao.FixedDayClock{Day: day}, Cost: 4}
		if _, err := as.CreateAdminFromCommandLine(t.Context(), "chief", "", false); err != nil {
			t.Fatal(err)
		}
		stamp := filepath.Join(t.TempDir(), "backup.done")
		if err := os.WriteFile(stamp, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		at := shebao.FixedDayClock{Day: day}.Now()
		if err := os.Chtimes(stamp, at, at); err != nil {
			t.Fatal(err)
		}
		ready := register.Setup{ProofKeys: "a-long-enough-signing-secret", BackupStamp: stamp}
		cs, _ = s.Readiness(t.Context(), admin.CommandLine, ready)
		if got := missing(cs); !strings.HasPrefix(got, "backpay_years") {
			t.Fatalf("without past years: missing %q", got)
		}
		err = db.InTx(t.Context(), func(tx shebao.Tx) error {
			for y := 2000; y <= 2027; y++ {
				if _, err := tx.Policy(t.Context(), y); err == nil {
					continue
				}
				p := rules.DefaultPolicy(y, 1_000_000)
				if err := tx.SavePolicy(t.Context(), &p); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.IssueLetters(t.Context(), admin.CommandLine, 0, 4); err != nil {
			t.Fatal(err)
		}
		cs, _ = s.Readiness(t.Context(), admin.CommandLine, ready)
		if !register.Ready(cs) || missing(cs) != "kiosks" {
			t.Fatalf("ready office: missing %q", missing(cs))
		}
	})
}

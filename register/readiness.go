package register

import (
	"context"
	"os"
	"strconv"
	"time"

	"shebao"
	"shebao/proof"
)

// Setup is what the readiness check knows of the server's configuration,
// given by the command that runs it (docs/OPERATIONS.md).
type Setup struct {
	ProofKeys     string // SHEBAO_PROOF_KEY
	EmploymentURL string // SHEBAO_EMPLOYMENT_URL: registrations asked of the employment service directly
	BackupStamp   string // SHEBAO_BACKUP_STAMP: a file the backup job touches after each good backup
	PublicURL     string // SHEBAO_PUBLIC_URL: the address printed in operators' letters
}

// Check is one line of the readiness check: the message
// "golive.check.<Key>" names it, "golive.check.<Key>.ok" or
// "golive.check.<Key>.missing" (with Args) says how it stands.
type Check struct {
	Key      string
	OK       bool
	Required bool // a live office cannot do without it
	Args     []string
}

// Readiness thresholds.
const (
	RegistrationsFresh = 7 * 24 * time.Hour // newest registrations older than this are stale
	BackupFresh        = 26 * time.Hour     // a daily backup, with two hours' slack
	MinProofKey        = 16                 // characters of a configured signing key
)

// Ready reports whether every required check passes.
func Ready(cs []Check) bool {
	for _, c := range cs {
		if c.Required && !c.OK {
			return false
		}
	}
	return true
}

// Readiness lists what a live office needs and whether it is there.
// Administrators only (EFORBIDDEN); it only reads.
func (s *Service) Readiness(ctx context.Context, a shebao.Actor, setup Setup) ([]Check, error) {
	if a.Role != shebao.RoleAdmin {
		return nil, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	now := s.Clock.Now()
	var r shebao.Readiness
	var pols []Check
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		if r, err = tx.Readiness(ctx); err != nil {
			return err
		}
		pols, err = policyChecks(ctx, tx, shebao.DateOf(now))
		return err
	})
	if err != nil {
		return nil, err
	}
	cs := []Check{{Key: "admin", OK: r.Admins > 0, Required: true, Args: []string{strconv.Itoa(r.Admins)}}}
	cs = append(cs, pols...)
	cs = append(cs,
		Check{Key: "units", OK: r.Units > 0, Required: true, Args: []string{strconv.Itoa(r.Units)}},
		Check{Key: "persons", OK: r.Persons > 0 && r.ActiveCoverages > 0, Required: true,
			Args: []string{strconv.Itoa(r.Persons), strconv.Itoa(r.ActiveCoverages)}},
		registrationsCheck(r, setup, now),
		Check{Key: "letters", OK: r.AwaitingLetters == 0, Args: []string{strconv.Itoa(r.AwaitingLetters)}},
		Check{Key: "kiosks", OK: r.Terminals > 0, Args: []string{strconv.Itoa(r.Terminals)}},
		proofCheck(setup),
		backupCheck(setup, now),
	)
	return cs, nil
}

// policyChecks checks this year's policy and every year back-pay may reach
// (this year's BackpayMonths back from the current month), and next year's
// (advisory: needed before the year turns).
func policyChecks(ctx context.Context, tx shebao.Tx, today shebao.Date) ([]Check, error) {
	year := today.Year()
	has := func(y int) (shebao.Policy, bool, error) {
		p, err := tx.Policy(ctx, y)
		if shebao.ErrorCode(err) == shebao.ENOTFOUND {
			return p, false, nil
		}
		return p, err == nil, err
	}
	cur, ok, err := has(year)
	if err != nil {
		return nil, err
	}
	cs := []Check{{Key: "policy", OK: ok, Required: true, Args: []string{strconv.Itoa(year)}}}
	if ok {
		from := today.Period().AddMonths(-cur.BackpayMonths).Year()
		var missing string
		for y := from; y < year; y++ {
			_, found, err := has(y)
			if err != nil {
				return nil, err
			}
			if !found {
				missing += " " + strconv.Itoa(y)
			}
		}
		cs = append(cs, Check{Key: "backpay_years", OK: missing == "", Required: true,
			Args: []string{strconv.Itoa(from), strconv.Itoa(year - 1), missing}})
	}
	_, next, err := has(year + 1)
	cs = append(cs, Check{Key: "next_policy", OK: next, Args: []string{strconv.Itoa(year + 1)}})
	return cs, err
}

// registrationsCheck: registrations asked of the employment service
// directly, or a copy that arrived within RegistrationsFresh.
func registrationsCheck(r shebao.Readiness, setup Setup, now time.Time) Check {
	c := Check{Key: "registrations", Required: true}
	switch {
	case setup.EmploymentURL != "":
		c.OK, c.Key = true, "registrations_remote"
	case r.LastArrival.IsZero():
		c.Args = []string{"—"}
	default:
		c.OK = now.Sub(r.LastArrival) <= RegistrationsFresh
		c.Args = []string{r.LastArrival.In(shebao.Office).Format("2006-01-02 15:04")}
	}
	return c
}

// proofCheck: a signing key configured outside the database
// (SHEBAO_PROOF_KEY), long enough; a key kept only in the database lets
// anyone who reads the database forge proofs.
func proofCheck(setup Setup) Check {
	keys := proof.ParseKeys(setup.ProofKeys)
	return Check{Key: "proof_key", Required: true, OK: len(keys) > 0 && len(keys[0]) >= MinProofKey,
		Args: []string{strconv.Itoa(MinProofKey)}}
}

// backupCheck: the backup job touches SHEBAO_BACKUP_STAMP after every good
// backup; the newest must be at most BackupFresh old.
func backupCheck(setup Setup, now time.Time) Check {
	c := Check{Key: "backup", Required: true, Args: []string{"—"}}
	if setup.BackupStamp == "" {
		return c
	}
	fi, err := os.Stat(setup.BackupStamp)
	if err != nil {
		c.Args = []string{setup.BackupStamp}
		c.Key = "backup_stamp"
		return c
	}
	c.OK = now.Sub(fi.ModTime()) <= BackupFresh
	c.Args = []string{fi.ModTime().In(shebao.Office).Format("2006-01-02 15:04")}
	return c
}

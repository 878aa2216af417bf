package billing

import (
	"cmp"
	"context"
	"encoding/json"

	"shebao"
)

// maxChunkUnits bounds how many units one transaction of the district run
// assesses, so that no transaction holds the writer for long (at the seed's
// 20 persons a unit, about 80,000 lines); a run has about 10 chunks, so
// that progress moves every 10%, more in a district of over 10,000 units.
const maxChunkUnits = 1000

// Progress is told, after each chunk of the district run, how many of the
// district's units are assessed and how many lines are written so far.
type Progress func(doneUnits, totalUnits, lines int)

// Assess assesses period p for the whole district (核定): every coverage
// that counts in p, at the newest version of p's year's policy, into the
// stored assessment, chunk by chunk. Re-running it for a period that is not
// closed replaces the lines with identical ones (given the same coverages
// and policy). Errors: EINVALID (ReasonPeriodMalformed, ReasonPeriodFuture)
// for a bad period; EREFUSED with ReasonPeriodClosed for a closed period,
// ReasonNoPolicy when p's year has no policy, ReasonAssessFloatsOutsideGrades
// when a unit's floating rate stored for the year is outside its class's
// grades (OutsideGrades).
func (s *Service) assess(ctx context.Context, p shebao.Period, progress Progress) (shebao.AssessmentRun, error) {
	if progress == nil {
		progress = func(int, int, int) {}
	}
	today := shebao.Today(s.Clock)
	var pol shebao.Policy
	var total int
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		if err := checkPeriod(ctx, tx, today, p, "period"); err != nil {
			return err
		}
		run, err := tx.AssessmentRun(ctx, p)
		if err == nil && run.Status == shebao.AssessmentClosed {
			return shebao.Refused(shebao.ReasonPeriodClosed, p.String())
		}
		if pol, err = PolicyFor(ctx, tx, p.Year()); err != nil {
			return err
		}
		if outside, err := OutsideGrades(ctx, tx, pol); err != nil || len(outside) > 0 {
			return cmp.Or(err, outsideGradesRefusal(pol, outside))
		}
		total, err = tx.CountUnits(ctx)
		return err
	})
	if err != nil {
		return shebao.AssessmentRun{}, err
	}
	if err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		return tx.StartAssessment(ctx, p, pol.Version)
	}); err != nil {
		return shebao.AssessmentRun{}, err
	}
	chunk := min(max((total+9)/10, 1), maxChunkUnits)
	done, lines := 0, 0
	progress(done, total, lines)
	for after := int64(0); ; {
		var ids []int64
		if err := s.Store.View(ctx, func(tx shebao.Tx) (err error) {
			ids, err = tx.UnitIDsAfter(ctx, after, chunk)
			return err
		}); err != nil {
			return shebao.AssessmentRun{}, err
		}
		if len(ids) == 0 {
			break
		}
		from, to := ids[0], ids[len(ids)-1]
		err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
			n, err := tx.AssessUnits(ctx, p, pol, from, to)
			lines += n
			return err
		})
		if err != nil {
			return shebao.AssessmentRun{}, err
		}
		done += len(ids)
		progress(min(done, total), total, lines)
		after = to
	}
	return s.finish(ctx, p)
}

// finish marks the run assessed and audits it.
func (s *Service) finish(ctx context.Context, p shebao.Period) (shebao.AssessmentRun, error) {
	var run shebao.AssessmentRun
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var err error
		if run, err = tx.FinishAssessment(ctx, p, s.Clock.Now()); err != nil {
			return err
		}
		return tx.Audit(ctx, runAudit(s.Clock, "billing.assess", run))
	})
	return run, err
}

// runAudit returns the audit entry of a district run's step.
func runAudit(c shebao.Clock, action string, run shebao.AssessmentRun) shebao.AuditEntry {
	e := shebao.AuditFor(shebao.Actor{Username: "shebao bill", Role: shebao.RoleAdmin}, c.Now(), action)
	detail, _ := json.Marshal(map[string]any{"period": run.Period.String(), "policy_version": run.PolicyVersion,
		"units": run.Units, "lines": run.Lines, "employer_fen": run.Employer, "employee_fen": run.Employee})
	e.Detail = string(detail)
	return e
}

// Close freezes an assessed period: from then on its assessment is what
// units owe, and re-assessing it is refused. Errors: EINVALID for a bad
// period; EREFUSED with ReasonPeriodNotEnded for a period that has not
// ended (the current business period or later), ReasonPeriodNotAssessed
// for one not assessed to the end, ReasonPeriodClosed for one closed
// already.
func (s *Service) Close(ctx context.Context, p shebao.Period) (shebao.AssessmentRun, error) {
	today := shebao.Today(s.Clock)
	var run shebao.AssessmentRun
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if err := checkPeriod(ctx, tx, today, p, "period"); err != nil {
			return err
		}
		cur, err := shebao.BusinessPeriod(ctx, tx, today)
		if err != nil {
			return err
		}
		if p >= cur {
			return shebao.Refused(shebao.ReasonPeriodNotEnded, p.String())
		}
		if err := tx.CloseAssessment(ctx, p, s.Clock.Now()); err != nil {
			return err
		}
		if run, err = tx.AssessmentRun(ctx, p); err != nil {
			return err
		}
		return tx.Audit(ctx, runAudit(s.Clock, "billing.close", run))
	})
	return run, err
}

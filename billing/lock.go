package billing

import (
	"context"

	"shebao"
)

// ReasonAssessmentRunning: another instance is assessing the district now
// (docs/OPERATIONS.md, several instances).
const ReasonAssessmentRunning = "ASSESSMENT_RUNNING"

// Assess runs the district assessment of period p (assess, in run.go) on
// one instance at a time: with several instances on one PostgreSQL, an
// instance asked while another assesses answers EREFUSED
// ReasonAssessmentRunning instead of assessing the same period twice at
// once. SQLite serves one instance, where it always runs.
func (s *Service) Assess(ctx context.Context, p shebao.Period, progress Progress) (shebao.AssessmentRun, error) {
	if s.Exclusive == nil {
		return s.assess(ctx, p, progress)
	}
	var run shebao.AssessmentRun
	ran, err := s.Exclusive(ctx, "district-assessment", func(ctx context.Context) error {
		var err error
		run, err = s.assess(ctx, p, progress)
		return err
	})
	if err == nil && !ran {
		err = shebao.Refused(ReasonAssessmentRunning)
	}
	return run, err
}

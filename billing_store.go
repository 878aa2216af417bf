package shebao

// BillingTx stores contribution data: assessments of closed periods,
// base declarations and back-pay. Package sqldb implements it.
type BillingTx interface {
	AssessmentTx // floating injury rates, period assessments (assessment_store.go)
}

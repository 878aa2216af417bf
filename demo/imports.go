package demo

import (
	"context"

	"shebao"
)

// demoImportSource names the demo's registrations in its import report.
const demoImportSource = "演示数据.xlsx"

// register stores a registration as an import would and counts it for the
// demo's import report: a source ID seen before is an update.
func (l *loader) register(ctx context.Context, r *shebao.Registration) error {
	if err := l.tx.PutRegistration(ctx, r); err != nil {
		return err
	}
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	l.report.Read++
	if l.seen[r.SourceID] {
		l.report.Updated++
	} else {
		l.seen[r.SourceID] = true
		l.report.Inserted++
	}
	return nil
}

// recordImport stores one file import report, uploaded by the demo clerk at
// load time, with the counts of the registrations the demo created, so that
// the employment page shows when data last arrived.
func (l *loader) recordImport(ctx context.Context) error {
	l.report.Channel, l.report.Source, l.report.At = shebao.ImportFile, demoImportSource, l.now
	l.report.AccountID, l.report.Username = l.clerk, l.guide.Clerk
	return l.tx.RecordImport(ctx, &l.report)
}

package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"shebao"
)

// RegistrationBySourceID returns the registration with the employment
// service's id.
func (t *tx) RegistrationBySourceID(ctx context.Context, sourceID string) (shebao.Registration, error) {
	var r shebao.Registration
	err := t.tx.QueryRowContext(ctx, `SELECT id, source_id, person_id, unit_id, start_on, registered_on, end_on
		FROM registrations WHERE source_id = $1`, sourceID).
		Scan(&r.ID, &r.SourceID, &r.PersonID, &r.UnitID, &r.Start, &r.RegisteredOn, &r.End)
	return r, dbError(fmt.Sprintf("registration %q", sourceID), err)
}

// rejectJSON is how an import's rejected row is stored.
type rejectJSON struct {
	Row      int      `json:"row"`
	SourceID string   `json:"source_id,omitempty"`
	Field    string   `json:"field,omitempty"`
	Reason   string   `json:"reason"`
	Args     []string `json:"args,omitempty"`
	// LegacyID marks a conversion (shebao.ImportConversion), kept with
	// the rejects: the 15 digits typed.
	LegacyID string `json:"legacy_id,omitempty"`
}

// RecordImport stores the report of one import and sets r.ID.
func (t *tx) RecordImport(ctx context.Context, r *shebao.ImportReport) error {
	rejects := make([]rejectJSON, len(r.Rejects))
	for i, x := range r.Rejects {
		rejects[i] = rejectJSON{Row: x.Row, SourceID: x.SourceID, Field: x.Field, Reason: x.Reason, Args: x.Args}
	}
	for _, x := range r.Conversions {
		rejects = append(rejects, rejectJSON{Row: x.Row, SourceID: x.SourceID, LegacyID: x.LegacyID})
	}
	body, err := json.Marshal(rejects)
	if err != nil {
		return fmt.Errorf("sqldb: encode import rejects: %w", err)
	}
	err = t.tx.QueryRowContext(ctx, `INSERT INTO employment_imports
		(channel, source, at, account_id, username, rows_read, inserted, updated, unchanged, rejected, rejects)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		string(r.Channel), r.Source, micros(r.At), r.AccountID, r.Username, r.Read, r.Inserted,
		r.Updated, r.Unchanged, r.Rejected, string(body)).Scan(&r.ID)
	return dbError("record "+string(r.Channel)+" import", err)
}

// ImportReports lists the newest reports of channel ch (every channel when
// ch is empty), newest first, at most limit of them.
func (t *tx) ImportReports(ctx context.Context, ch shebao.ImportChannel, limit int) ([]shebao.ImportReport, error) {
	var w where
	if ch != "" {
		w.add(`channel = ?`, string(ch))
	}
	pg, args := w.page(limit, 0)
	rows, err := t.tx.QueryContext(ctx, `SELECT id, channel, source, at, account_id, username, rows_read,
		inserted, updated, unchanged, rejected, rejects FROM employment_imports`+w.String()+
		` ORDER BY at DESC, id DESC`+pg, args...)
	if err != nil {
		return nil, dbError("list imports", err)
	}
	reports, err := collect(rows, scanImport)
	return reports, dbError("list imports", err)
}

func scanImport(s scanner) (shebao.ImportReport, error) {
	var r shebao.ImportReport
	var at int64
	var body string
	err := s.Scan(&r.ID, &r.Channel, &r.Source, &at, &r.AccountID, &r.Username, &r.Read,
		&r.Inserted, &r.Updated, &r.Unchanged, &r.Rejected, &body)
	if err != nil {
		return r, err
	}
	r.At = fromMicros(at)
	var rejects []rejectJSON
	if err := json.Unmarshal([]byte(body), &rejects); err != nil {
		return r, fmt.Errorf("decode rejects of import %d: %w", r.ID, err)
	}
	for _, x := range rejects {
		if x.LegacyID != "" {
			r.Conversions = append(r.Conversions, shebao.ImportConversion{Row: x.Row, SourceID: x.SourceID, LegacyID: x.LegacyID})
			continue
		}
		r.Rejects = append(r.Rejects, shebao.ImportReject{Row: x.Row, SourceID: x.SourceID,
			Field: x.Field, Reason: x.Reason, Args: x.Args})
	}
	return r, nil
}

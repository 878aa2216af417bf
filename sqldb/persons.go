package sqldb

import (
	"context"
	"fmt"

	"shebao"
)

const personColumns = `id, id_number, name, sex, birth_date, post_category, phone, address`

func scanPerson(s scanner) (shebao.Person, error) {
	var p shebao.Person
	err := s.Scan(&p.ID, &p.IDNumber, &p.Name, &p.Sex, &p.BirthDate, &p.PostCategory, &p.Phone, &p.Address)
	return p, err
}

// Person returns the person with the given id.
func (t *tx) Person(ctx context.Context, id int64) (shebao.Person, error) {
	p, err := scanPerson(t.tx.QueryRowContext(ctx, `SELECT `+personColumns+` FROM persons WHERE id = $1`, id))
	return p, dbError(fmt.Sprintf("person %d", id), err)
}

// PersonByIDNumber returns the person with the given ID number.
func (t *tx) PersonByIDNumber(ctx context.Context, idNumber string) (shebao.Person, error) {
	p, err := scanPerson(t.tx.QueryRowContext(ctx, `SELECT `+personColumns+` FROM persons WHERE id_number = $1`, idNumber))
	return p, dbError("person by ID number", err)
}

// CreatePerson inserts p and sets p.ID.
func (t *tx) CreatePerson(ctx context.Context, p *shebao.Person) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO persons
		(id_number, name, sex, birth_date, post_category, phone, address)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		p.IDNumber, p.Name, string(p.Sex), int32(p.BirthDate), string(p.PostCategory), p.Phone, p.Address).Scan(&p.ID)
	return dbError("create person", err)
}

// UpdatePerson writes every field of p.
func (t *tx) UpdatePerson(ctx context.Context, p shebao.Person) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE persons SET id_number = $1, name = $2, sex = $3,
		birth_date = $4, post_category = $5, phone = $6, address = $7 WHERE id = $8`,
		p.IDNumber, p.Name, string(p.Sex), int32(p.BirthDate), string(p.PostCategory), p.Phone, p.Address, p.ID)
	return affectedOne(res, err, fmt.Sprintf("update person %d", p.ID))
}

// PutRegistration inserts r, or updates the registration with the same
// SourceID, and sets r.ID. EINVALID when r.SourceID is empty: imports are
// idempotent by it.
func (t *tx) PutRegistration(ctx context.Context, r *shebao.Registration) error {
	if r.SourceID == "" {
		return shebao.Invalid("source_id", shebao.ReasonRequired)
	}
	err := t.tx.QueryRowContext(ctx, `INSERT INTO registrations
		(source_id, person_id, unit_id, start_on, registered_on, end_on)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (source_id) DO UPDATE SET person_id = excluded.person_id,
			unit_id = excluded.unit_id, start_on = excluded.start_on,
			registered_on = excluded.registered_on, end_on = excluded.end_on
		RETURNING id`,
		r.SourceID, r.PersonID, r.UnitID, int32(r.Start), int32(r.RegisteredOn), int32(r.End)).Scan(&r.ID)
	return dbError(fmt.Sprintf("put registration %q", r.SourceID), err)
}

// Registrations returns a person's registrations, newest RegisteredOn first.
func (t *tx) Registrations(ctx context.Context, personID int64) ([]shebao.Registration, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id, source_id, person_id, unit_id, start_on, registered_on, end_on
		FROM registrations WHERE person_id = CAST($1 AS BIGINT) ORDER BY registered_on DESC, id DESC`, personID)
	if err != nil {
		return nil, dbError("list registrations", err)
	}
	regs, err := collect(rows, func(s scanner) (shebao.Registration, error) {
		var r shebao.Registration
		err := s.Scan(&r.ID, &r.SourceID, &r.PersonID, &r.UnitID, &r.Start, &r.RegisteredOn, &r.End)
		return r, err
	})
	return regs, dbError("list registrations", err)
}

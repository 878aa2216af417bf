package batch

import (
	"bytes"
	"context"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/i18n"
)

// Workbook returns a batch's workbook as uploaded with two columns added
// after the header's last column (or, for a workbook that already has
// them, rewritten): the status of each row and the reason or result, in
// lang. The other cells are left as they were. Errors: ENOTFOUND.
func (s *Service) Workbook(ctx context.Context, a shebao.Actor, id int64, lang i18n.Lang) ([]byte, shebao.Batch, error) {
	b, rows, file, err := s.load(ctx, a, id)
	if err != nil {
		return nil, b, err
	}
	out, err := Annotate(file, rows, lang)
	return out, b, err
}

// load reads a batch that a may see, its rows and its uploaded file.
func (s *Service) load(ctx context.Context, a shebao.Actor, id int64) (b shebao.Batch, rows []shebao.BatchRow, file []byte, err error) {
	err = s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		if b, err = visible(ctx, tx, a, id); err != nil {
			return err
		}
		if rows, err = tx.BatchRows(ctx, id); err != nil {
			return err
		}
		file, err = tx.BatchFile(ctx, id)
		return err
	})
	return b, rows, file, err
}

// Annotate writes each row's status and reason into a copy of the
// workbook's first sheet.
func Annotate(file []byte, rows []shebao.BatchRow, lang i18n.Lang) ([]byte, error) {
	b, err := open(file)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	f, sheet := b.File(), b.First()
	headerRow, statusCol, resultCol, err := annotationColumns(f, sheet)
	if err != nil {
		return nil, err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	for col, h := range map[int]string{statusCol: i18n.T(lang, "batch.col.status"), resultCol: i18n.T(lang, "batch.col.result")} {
		cell, _ := excelize.CoordinatesToCellName(col, headerRow)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return nil, err
		}
		_ = f.SetCellStyle(sheet, cell, cell, bold)
	}
	for _, r := range rows {
		st, _ := excelize.CoordinatesToCellName(statusCol, r.Row)
		res, _ := excelize.CoordinatesToCellName(resultCol, r.Row)
		if err := f.SetCellStr(sheet, st, i18n.T(lang, "batch.outcome."+string(r.Outcome))); err != nil {
			return nil, err
		}
		if err := f.SetCellStr(sheet, res, RowText(lang, r)); err != nil {
			return nil, err
		}
	}
	w, _ := excelize.ColumnNumberToName(resultCol)
	_ = f.SetColWidth(sheet, w, w, 60)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// annotationColumns finds the header row and the columns of the status and
// the result: those already there (a workbook annotated before), or the
// two after the header's last column.
func annotationColumns(f *excelize.File, sheet string) (headerRow, statusCol, resultCol int, err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return 0, 0, 0, unreadable(err)
	}
	defer rows.Close()
	for rows.Next() {
		headerRow++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return 0, 0, 0, unreadable(err)
		}
		if blank(cells) {
			continue
		}
		for j, c := range cells {
			switch normalizeHeader(c) {
			case HeaderStatus, "Status":
				statusCol = j + 1
			case HeaderResult, "Result":
				resultCol = j + 1
			}
		}
		if statusCol == 0 {
			statusCol = len(cells) + 1
			if resultCol >= statusCol {
				statusCol = resultCol + 1
			}
		}
		if resultCol == 0 {
			resultCol = max(statusCol, len(cells)) + 1
		}
		return headerRow, statusCol, resultCol, nil
	}
	return 0, 0, 0, shebao.Invalid("file", ReasonNoHeader)
}

// RowText is what a row's result column says: the reason of a refused or
// malformed row (with the column at fault), or what was (or would be) done;
// then, for a clerk's row typed with a legacy 15-digit ID number, the
// conversion, as the counter's item states it (note.legacy_id).
func RowText(lang i18n.Lang, r shebao.BatchRow) string {
	text := rowResult(lang, r)
	if r.LegacyID != "" {
		text += i18n.T(lang, "batch.sep") + i18n.T(lang, "note.legacy_id", shebao.MaskIDNumber(r.LegacyID))
	}
	return text
}

func rowResult(lang i18n.Lang, r shebao.BatchRow) string {
	msg := i18n.T(lang, "reason."+r.Reason, r.Args...)
	switch r.Outcome {
	case shebao.RowOK:
		return details(lang, r, "batch.result.ok")
	case shebao.RowApplied:
		return i18n.T(lang, "batch.result.receipt", r.Receipt) + i18n.T(lang, "batch.sep") + details(lang, r, "batch.result.applied")
	case shebao.RowMalformed:
		if r.Column != "" {
			return r.Column + i18n.T(lang, "sep.colon") + msg
		}
	case shebao.RowRefused:
		if r.Receipt != "" {
			return msg + i18n.T(lang, "batch.sep") + i18n.T(lang, "batch.result.receipt", r.Receipt)
		}
	}
	return msg
}

func details(lang i18n.Lang, r shebao.BatchRow, key string) string {
	switch r.Type {
	case shebao.ItemStop:
		return i18n.T(lang, key+".stop", r.Period.String(), r.Period.Prev().String())
	case shebao.ItemDeclare:
		return i18n.T(lang, key+".declare", r.Wage.String(), r.Base.String(), i18n.T(lang, "clamp."+r.Clamp),
			r.Period.String(), signed(r.Employer+r.Employee))
	}
	return i18n.T(lang, key+".enroll", r.Period.String(), r.Base.String(), i18n.T(lang, "clamp."+r.Clamp),
		(r.Employer + r.Employee).String())
}

// signed formats a change of money with its sign: +¥12.00, -¥3.40, ¥0.00.
func signed(f shebao.Fen) string {
	if f > 0 {
		return "+" + f.String()
	}
	return f.String()
}

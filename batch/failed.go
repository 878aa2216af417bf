package batch

import (
	"bytes"
	"context"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/i18n"
	"shebao/sheet"
)

// Failed returns the rows of a batch that cannot be handled (refused or
// malformed) as a workbook ready to fix and upload again: the uploaded
// sheet's rows up to its header, then only the failed rows with their
// cells as uploaded, each with its status and reason in lang (columns the
// parser ignores, as in Workbook). Cells are written as text, guarded by
// sheet.Text. Errors: ENOTFOUND.
func (s *Service) Failed(ctx context.Context, a shebao.Actor, id int64, lang i18n.Lang) ([]byte, shebao.Batch, error) {
	b, rows, file, err := s.load(ctx, a, id)
	if err != nil {
		return nil, b, err
	}
	annotated, err := Annotate(file, rows, lang)
	if err != nil {
		return nil, b, err
	}
	out, err := FailedRows(annotated, rows)
	return out, b, err
}

// FailedRows copies an annotated workbook's first sheet, keeping the rows
// up to the header and the rows whose outcome is refused or malformed.
func FailedRows(annotated []byte, rows []shebao.BatchRow) ([]byte, error) {
	failed := map[int]bool{}
	for _, r := range rows {
		if r.Outcome == shebao.RowRefused || r.Outcome == shebao.RowMalformed {
			failed[r.Row] = true
		}
	}
	in, err := open(annotated)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	headerRow, _, _, err := annotationColumns(in.File(), in.First())
	if err != nil {
		return nil, err
	}
	out := excelize.NewFile()
	defer out.Close()
	const name = "Sheet1"
	next := 1
	err = in.Rows(in.First(), func(n int, cells []string) error {
		if n > headerRow && !failed[n] {
			return nil
		}
		row := make([]any, len(cells))
		for i, c := range cells {
			if n > headerRow {
				c = sheet.Text(c)
			}
			row[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, next)
		next++
		return out.SetSheetRow(name, cell, &row)
	})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := out.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

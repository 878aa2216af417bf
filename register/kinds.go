package register

import "strings"

// kind is one file of the register: its name in the folder (units.csv or
// units.xlsx) and its columns. docs/MIGRATION.md describes them.
type kind struct {
	name    string
	columns []column
}

type column struct {
	key      string // the English header, also the column named in problems
	label    string // the Chinese header, accepted as well
	required bool
}

// column returns the key of a header cell, "" for an unknown one.
func (k kind) column(header string) string {
	h := strings.TrimSpace(strings.TrimPrefix(header, "\ufeff"))
	for _, c := range k.columns {
		if strings.EqualFold(h, c.key) || h == c.label {
			return c.key
		}
	}
	return ""
}

// The files of the register, in the order they are applied.
var (
	unitsKind = kind{"units", []column{
		{"credit_code", "统一社会信用代码", true}, {"name", "单位名称", true}, {"risk_class", "行业风险类别", true},
		{"injury_float", "工伤浮动费率", false}, {"bank_account", "开户银行账号", false}, {"contact", "联系人", false},
		{"phone", "联系电话", false}, {"address", "地址", false}, {"legal_rep", "法定代表人", false},
		{"industry", "行业", false}, {"status", "状态", false},
	}}
	personsKind = kind{"persons", []column{
		{"id_number", "身份证号码", true}, {"name", "姓名", true}, {"post_category", "岗位类别", false},
		{"phone", "联系电话", false}, {"address", "地址", false},
	}}
	coveragesKind = kind{"coverages", []column{
		{"id_number", "身份证号码", true}, {"credit_code", "统一社会信用代码", true}, {"insurance", "险种", true},
		{"from", "起始所属期", true}, {"to", "终止所属期", false}, {"base", "缴费基数", true},
	}}
	basesKind = kind{"bases", []column{
		{"id_number", "身份证号码", true}, {"credit_code", "统一社会信用代码", true}, {"year", "申报年度", true},
		{"wage", "月平均工资", true},
	}}
	// registrations are the employment service's format (docs/EMPLOYMENT.md).
	registrationsKind = kind{"registrations", []column{
		{"source_id", "备案编号", true}, {"id_number", "身份证号码", true}, {"name", "姓名", true},
		{"credit_code", "统一社会信用代码", true}, {"start", "用工开始日期", true},
		{"registered_on", "备案日期", true}, {"end", "用工终止日期", false},
	}}
	operatorsKind = kind{"operators", []column{
		{"credit_code", "统一社会信用代码", true}, {"username", "用户名", true}, {"display_name", "姓名", false},
	}}
)

// Kinds lists the file names of the register (without extension), in the
// order they are applied.
func Kinds() []string {
	return []string{unitsKind.name, personsKind.name, coveragesKind.name, basesKind.name,
		registrationsKind.name, operatorsKind.name}
}

package i18n

// Messages of the fixes of issue 8's bugs: the bill's back-pay section and
// the export's sections and headers, the declaration's effective month, the
// retirement pre-review's answer once the age is reached, the counter's
// retirement payment, the contribution history's totals and the ID check.
func init() {
	add(bugs8Billing...)
}

var bugs8Billing = [][3]string{
	{"billing.export.sheet", "缴费明细", "Contributions"},
	{"billing.export.monthly", "月度核定（每人每月一行）", "Monthly assessment (one row per person and month)"},
	{"billing.export.backpay", "补收（经批准的个人补收，按补收业务核定的金额，另计滞纳金）", "Back-pay (approved back-pay items, at the amounts they quoted, with the late fee)"},
	{"billing.export.summary", "合计", "Totals"},
	{"billing.export.subtotal", "小计", "Subtotal"},
	{"billing.export.part.monthly", "月度核定", "Monthly assessment"},
	{"billing.export.part.backpay", "补收", "Back-pay"},
	{"billing.export.part.all", "总计", "All"},
	{"billing.export.col.period", "所属期", "Period"},
	{"billing.export.col.name", "姓名", "Name"},
	{"billing.export.col.id_number", "身份证号码", "ID number"},
	{"billing.export.col.base", "缴费基数", "Base"},
	{"billing.export.col.pension_er", "养老保险单位缴费", "Pension, employer"},
	{"billing.export.col.pension_ee", "养老保险个人缴费", "Pension, employee"},
	{"billing.export.col.medical_er", "医疗保险单位缴费", "Medical, employer"},
	{"billing.export.col.medical_ee", "医疗保险个人缴费", "Medical, employee"},
	{"billing.export.col.unemployment_er", "失业保险单位缴费", "Unemployment, employer"},
	{"billing.export.col.unemployment_ee", "失业保险个人缴费", "Unemployment, employee"},
	{"billing.export.col.injury_er", "工伤保险单位缴费", "Work injury, employer"},
	{"billing.export.col.employer", "单位缴费合计", "Employer total"},
	{"billing.export.col.employee", "个人缴费合计", "Employee total"},
	{"billing.export.col.total", "合计", "Total"},
	{"billing.export.col.late_fee", "滞纳金", "Late fee"},
	{"billing.export.col.due", "合计（含滞纳金）", "Total with late fee"},
	{"billing.export.col.item", "补收业务编号", "Back-pay item"},
	{"billing.export.col.part", "项目", "Part"},
	{"billing.monthly_total", "月度核定合计", "Monthly assessment"},
	{"billing.backpay_section", "本期补收", "Back-pay of this period"},
	{"billing.backpay_section_hint", "以下月份由经批准的个人补收业务收取，按补收业务提交时核定的金额，另计滞纳金；不计入月度核定，凭补收业务的缴费通知单缴纳。", "These months are charged by approved back-pay items, at the amounts quoted when each item was submitted, with the late fee; they are not part of the monthly assessment and are paid with the back-pay item's payment notice."},
	{"billing.backpay_section_none", "本期没有补收。", "No back-pay in this period."},
	{"billing.backpay_total", "补收合计（含滞纳金）", "Back-pay with late fee"},
	{"billing.period_total", "本期合计（月度核定 + 补收）", "This period in all (monthly assessment + back-pay)"},
	{"billing.backpay_paid", "已登记缴纳", "Recorded paid"},
}

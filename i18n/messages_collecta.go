package i18n

// Messages of the collection area added with issue 12's rest: the waiver
// page and the unit's calendar (docs/COLLECTION.md).
func init() {
	add(
		[3]string{"waiver.title", "滞纳金减免", "Late fee waivers"},
		[3]string{"waiver.intro", "审核人员可在法定情形下减免单位某一所属期截至今日的滞纳金，须填写原因；欠缴本金不变，次日起仍按日计收滞纳金。每次减免记入审计日志。", "A reviewer may waive the late fee a unit's period has run up to today, in the cases the law allows, with a reason; the principal stays owed and a fee runs again from tomorrow. Every waiver is in the audit log."},
		[3]string{"waiver.find", "查询单位", "Find the unit"},
		[3]string{"waiver.reason", "减免原因", "Reason for the waiver"},
		[3]string{"waiver.submit", "减免滞纳金 %s", "Waive the late fee of %s"},
		[3]string{"waiver.done", "已减免 %s 所属期截至今日的滞纳金。", "The late fee of period %s to today is waived."},
		[3]string{"waiver.no_fee", "该所属期目前没有滞纳金。", "This period has no late fee now."},
		[3]string{"waiver.none", "该单位没有欠缴的所属期。", "The unit owes no closed period."},
		[3]string{"office.nav.waivers", "滞纳金减免", "Late fee waivers"},
	)
}

package i18n

// Messages of the collection area (package collection, docs/COLLECTION.md).
func init() {
	add(
		[3]string{"reason.COLLECT_NOT_CLOSED", "%s 所属期尚未关账，关账后才能生成托收清单或导入扣款结果。", "Period %s is not closed: close it before its collection list or result file."},
		[3]string{"reason.COLLECT_COLUMN_MISSING", "文件缺少“%s”列，请使用托收清单加上扣款结果、实扣金额、失败原因三列。", "The file has no column \"%s\": use the collection list with the columns 扣款结果, 实扣金额 and 失败原因 added."},
		[3]string{"reason.COLLECT_UNKNOWN_UNIT", "没有统一社会信用代码为 %s 的参保单位。", "No unit has the credit code %s."},
		[3]string{"reason.COLLECT_UNKNOWN_LINE", "明细编号 %s 不是该单位应扣的费款。", "Line %s is not something this unit owes."},
		[3]string{"reason.COLLECT_OTHER_LIST", "这一行不属于 %s 的托收清单。", "This row is not from the collection list of %s."},
		[3]string{"reason.COLLECT_AMOUNT_DIFFERS", "金额与应扣金额不符：应为 %s。", "The amount does not match: it should be %s."},
		[3]string{"reason.COLLECT_BAD_AMOUNT", "金额格式不对或超出范围：请填写元，最多两位小数。", "The amount is not valid: write yuan with at most two decimals."},
		[3]string{"reason.COLLECT_BAD_OUTCOME", "扣款结果“%s”无法识别：请填写 成功、部分 或 失败。", "Unknown result \"%s\": write 成功 (paid), 部分 (in part) or 失败 (failed)."},
		[3]string{"reason.COLLECT_NO_REASON", "扣款失败须填写失败原因（一行文字）。", "A failed line needs the collector's reason (one line of text)."},
		[3]string{"reason.COLLECT_DUPLICATE_LINE", "这一明细已在第 %s 行出现。", "This line already appears in row %s."},
		[3]string{"reason.COLLECT_ALREADY_PAID", "这一所属期已记为已缴。", "This period is already recorded paid."},
		[3]string{"field.托收期", "托收期", "List period"},
		[3]string{"field.明细编号", "明细编号", "Line"},
		[3]string{"field.统一社会信用代码", "统一社会信用代码", "Credit code"},
		[3]string{"field.应扣金额", "应扣金额", "Amount to deduct"},
		[3]string{"field.扣款结果", "扣款结果", "Result"},
		[3]string{"field.实扣金额", "实扣金额", "Amount collected"},
		[3]string{"field.失败原因", "失败原因", "Reason of failure"},
		[3]string{"field.reason", "原因", "Reason"},
	)
}

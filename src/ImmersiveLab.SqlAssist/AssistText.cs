using ImmersiveLab.Labs;
using ImmersiveLab.SqlAssist.Knowledge;

namespace ImmersiveLab.SqlAssist;

/// <summary>The few words the editor's help adds around catalog names and knowledge, in English and Chinese.</summary>
internal static class AssistText
{
    public static string TaughtIn(LabReference lab, string language)
    {
        var chinese = Lang(language) == LabLanguages.Chinese;
        var step = lab.Step is not { } n ? "" : chinese ? $" · 第 {n} 步" : $" · step {n}";
        return chinese ? $"讲解见：[{lab.Title}{step}]({lab.Url})" : $"Taught in [{lab.Title}{step}]({lab.Url})";
    }

    public static string Kind(string key, string language) => (Lang(language) == LabLanguages.Chinese, key) switch
    {
        (true, "table") => "表",
        (true, "view") => "视图",
        (true, "materialized view") => "物化视图",
        (true, "foreign table") => "外部表",
        (true, "partitioned table") => "分区表",
        (true, "schema") => "模式",
        (true, "column") => "列",
        (true, "function") => "函数",
        (true, "aggregate") => "聚合函数",
        (true, "window function") => "窗口函数",
        (true, "procedure") => "过程",
        (true, "index") => "索引",
        (true, "type") => "类型",
        (true, "setting") => "设置",
        (true, "cte") => "WITH 查询",
        (true, "subquery") => "子查询",
        (true, "alias") => "别名",
        (true, "overloads") => "个重载",
        (true, "more columns") => "列未列出",
        (true, "values") => "取值",
        (true, "default") => "默认值",
        _ => key,
    };

    public static string Lang(string language) => LabLanguages.Normalize(language) ?? LabLanguages.English;
}

namespace ImmersiveLab.Ui.Results;

public enum ResultViewMode
{
    Table,
    Gallery,
}

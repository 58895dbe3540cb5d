using System.Data;
using Dapper;

namespace Onestop.Postgres;

/// <summary>Teaches Dapper the date types Npgsql already maps natively (Dapper 2.1 does not know DateOnly).</summary>
public static class DapperTypeHandlers
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new DateOnlyHandler());
        }
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            _ => DateOnly.Parse((string)value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

using Onestop.Errors;
using Onestop.EventStore;

namespace Onestop.Messaging;

/// <summary>The cursor a remote caller sends back to resume a change feed: a validation error when it is not one we gave.</summary>
public static class FeedCursor
{
    public static GlobalCheckpoint Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return GlobalCheckpoint.Start;
        }

        try
        {
            return GlobalCheckpoint.Parse(cursor);
        }
        catch (FormatException)
        {
            throw AppException.Validation("cursor",
                "Con trỏ không hợp lệ: hãy dùng đúng giá trị cursor của thay đổi đã nhận, hoặc để trống để đọc từ đầu.", "invalid_cursor");
        }
    }
}

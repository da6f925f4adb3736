SELECT layout, edited_by, edited_at FROM wall_layouts WHERE id = $1;

/** With no conversation open the list takes the full width; this pane is never shown beside it. */
export const DeskEmptyPane = () => null;

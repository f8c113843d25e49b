"""The situation report: select ranked clusters for a period and region, render markdown and HTML. Not built yet."""

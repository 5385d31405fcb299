<%@ Page Language="C#" %>
<html><body><h1>Corp intranet</h1></body></html>

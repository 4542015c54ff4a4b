# language: vi
Tính năng: Cấp số văn bản đi
  Là văn thư Ủy ban nhân dân xã,
  tôi cần phần mềm cấp số, ký hiệu văn bản đi đúng Nghị định 30/2020/NĐ-CP:
  số liên tiếp trong năm, bắt đầu từ số 01 vào ngày 01 tháng 01,
  số nhỏ hơn 10 viết có số 0 đứng trước, mỗi loại văn bản một sổ số,
  văn bản mật một sổ riêng, và một số đã cấp thì không bao giờ cấp lại.

  Bối cảnh:
    Cho sổ đăng ký văn bản của "Ủy ban nhân dân xã Phú Thái"
    Và đơn vị soạn thảo "VHXH" là "Văn hóa - Xã hội"

  Kịch bản: Số cấp liên tiếp từ 01 theo thứ tự ban hành
    Khi văn thư vào sổ các văn bản đã ký:
      | loại     | trích yếu                                           | ngày      |
      | kế hoạch | Tổ chức Ngày Chuyển đổi số quốc gia trên địa bàn xã | 29/9/2025 |
      | kế hoạch | Hoạt động của các Tổ công nghệ số cộng đồng         | 1/10/2025 |
      | kế hoạch | Triển khai phong trào "Bình dân học vụ số"          | 1/10/2025 |
    Thì các văn bản được cấp số, ký hiệu:
      | trích yếu                                           | số, ký hiệu | năm  |
      | Tổ chức Ngày Chuyển đổi số quốc gia trên địa bàn xã | 01/KH-UBND  | 2025 |
      | Hoạt động của các Tổ công nghệ số cộng đồng         | 02/KH-UBND  | 2025 |
      | Triển khai phong trào "Bình dân học vụ số"          | 03/KH-UBND  | 2025 |
    Và sổ kế hoạch năm 2025 đã cấp đến số 3 ngày 1/10/2025

  Khung kịch bản: Số nhỏ hơn 10 có số 0 đứng trước
    Cho văn thư đã đặt số tiếp theo của sổ kế hoạch năm 2025 là <số tiếp theo>
    Khi văn thư vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025
    Thì kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" được cấp số, ký hiệu "<số, ký hiệu>"
    Và trên văn bản ghi "Số: <số, ký hiệu>"

    Dữ liệu:
      | số tiếp theo | số, ký hiệu |
      | 1            | 01/KH-UBND  |
      | 5            | 05/KH-UBND  |
      | 9            | 09/KH-UBND  |
      | 10           | 10/KH-UBND  |
      | 90           | 90/KH-UBND  |

  Kịch bản: Mỗi loại văn bản một sổ số; công văn ghi ký hiệu cơ quan và đơn vị soạn thảo
    Cho văn thư đã đặt số tiếp theo của sổ công văn năm 2025 là 542
    Và văn thư đã đặt số tiếp theo của sổ kế hoạch năm 2025 là 90
    Và văn thư đã đặt số tiếp theo của sổ quyết định năm 2025 là 968
    Khi văn thư vào sổ các văn bản đã ký:
      | loại       | đơn vị | trích yếu                                                             | ngày      |
      | công văn   | VHXH   | Triển khai các hoạt động hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia | 26/9/2025 |
      | kế hoạch   |        | Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia           | 29/9/2025 |
      | quyết định |        | Kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng           | 3/10/2025 |
      | công văn   | VHXH   | Tổ chức triển khai đồng bộ phong trào "Bình dân học vụ số"            | 7/10/2025 |
    Thì các văn bản được cấp số, ký hiệu:
      | trích yếu                                                             | số, ký hiệu   | năm  |
      | Triển khai các hoạt động hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia | 542/UBND-VHXH | 2025 |
      | Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia           | 90/KH-UBND    | 2025 |
      | Kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng           | 968/QĐ-UBND   | 2025 |
      | Tổ chức triển khai đồng bộ phong trào "Bình dân học vụ số"            | 543/UBND-VHXH | 2025 |
    Và sổ công văn năm 2025 đã cấp đến số 543 ngày 7/10/2025
    Và sổ kế hoạch năm 2025 đã cấp đến số 90 ngày 29/9/2025
    Và sổ quyết định năm 2025 đã cấp đến số 968 ngày 3/10/2025

  Kịch bản: Sang năm mới, số bắt đầu lại từ 01
    Cho văn thư đã đặt số tiếp theo của sổ kế hoạch năm 2025 là 140
    Khi văn thư vào sổ các văn bản đã ký:
      | loại     | trích yếu                             | ngày       |
      | kế hoạch | Tổng kết công tác năm 2025            | 31/12/2025 |
      | kế hoạch | Tổ chức Tết Nguyên đán Bính Ngọ       | 01/01/2026 |
      | kế hoạch | Công tác cải cách hành chính năm 2026 | 02/01/2026 |
      | kế hoạch | Kiểm kê tài sản cuối năm 2025         | 31/12/2025 |
    Thì các văn bản được cấp số, ký hiệu:
      | trích yếu                             | số, ký hiệu | năm  |
      | Tổng kết công tác năm 2025            | 140/KH-UBND | 2025 |
      | Tổ chức Tết Nguyên đán Bính Ngọ       | 01/KH-UBND  | 2026 |
      | Công tác cải cách hành chính năm 2026 | 02/KH-UBND  | 2026 |
      | Kiểm kê tài sản cuối năm 2025         | 141/KH-UBND | 2025 |
    Và sổ kế hoạch năm 2025 đã cấp đến số 141 ngày 31/12/2025
    Và sổ kế hoạch năm 2026 đã cấp đến số 2 ngày 2/1/2026

  Kịch bản: Bắt đầu dùng phần mềm giữa năm, tiếp nối số của sổ giấy
    Khi văn thư đặt số tiếp theo của sổ kế hoạch năm 2025 là 90
    Thì sổ kế hoạch năm 2025 đã cấp đến số 89
    Và nhật ký của sổ ghi "vanthu" đã đặt "Sổ Kế hoạch năm 2025 tiếp tục từ số 90"
    Khi văn thư vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025
    Thì kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" được cấp số, ký hiệu "90/KH-UBND"
    Và sổ công văn năm 2025 chưa cấp số nào

  Khung kịch bản: Không được đặt số tiếp theo lùi về số đã cấp
    Cho văn thư đã đặt số tiếp theo của sổ kế hoạch năm 2025 là 90
    Và văn thư đã vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025
    Khi văn thư đặt số tiếp theo của sổ kế hoạch năm 2025 là <số tiếp theo>
    Thì thao tác bị từ chối vì vi phạm quy tắc, mã lỗi 1
    Và thông báo lỗi có "đã cấp đến số 90"
    Và thông báo lỗi có "không thể bắt đầu lại từ <số tiếp theo>"
    Và dữ liệu trong sổ không thay đổi

    Dữ liệu:
      | số tiếp theo |
      | 1            |
      | 50           |
      | 90           |

  Kịch bản: Ngày văn bản sớm hơn số đã cấp cuối cùng thì không cấp số
    Cho văn thư đã vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025
    Và chuyên viên đã soạn dự thảo kế hoạch "Hoạt động của các Tổ công nghệ số cộng đồng"
    Khi văn thư ban hành văn bản "Hoạt động của các Tổ công nghệ số cộng đồng" ngày 28/9/2025
    Thì thao tác bị từ chối vì sai thứ tự ngày, mã lỗi 1
    Và thông báo lỗi có "28/9/2025"
    Và thông báo lỗi có "đã cấp số 1 ngày 29/9/2025"
    Và dữ liệu trong sổ không thay đổi
    Và văn bản "Hoạt động của các Tổ công nghệ số cộng đồng" ở trạng thái "Dự thảo"
    Và văn bản "Hoạt động của các Tổ công nghệ số cộng đồng" chưa có số
    Và sổ kế hoạch năm 2025 đã cấp đến số 1 ngày 29/9/2025

  Kịch bản: Vào sổ một lần văn bản giấy có ngày sớm hơn số đã cấp thì không để lại gì
    Cho văn thư đã vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025
    Khi văn thư vào sổ kế hoạch "Hoạt động của các Tổ công nghệ số cộng đồng" đã ký ngày 28/9/2025
    Thì thao tác bị từ chối vì sai thứ tự ngày, mã lỗi 1
    Và thông báo lỗi có "đã cấp số 1 ngày 29/9/2025"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Văn bản mật có sổ số riêng
    Cho văn thư đã đặt số tiếp theo của sổ kế hoạch năm 2025 là 90
    Và văn thư đã vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025
    Khi văn thư vào sổ kế hoạch mật "Bảo đảm an ninh mạng trong dịp Ngày Chuyển đổi số" đã ký ngày 30/9/2025
    Thì kế hoạch "Bảo đảm an ninh mạng trong dịp Ngày Chuyển đổi số" được cấp số 1
    Và sổ kế hoạch mật năm 2025 đã cấp đến số 1 ngày 30/9/2025
    Và sổ kế hoạch năm 2025 đã cấp đến số 90 ngày 29/9/2025
    Khi văn thư vào sổ kế hoạch "Hoạt động của các Tổ công nghệ số cộng đồng" đã ký ngày 1/10/2025
    Thì kế hoạch "Hoạt động của các Tổ công nghệ số cộng đồng" được cấp số, ký hiệu "91/KH-UBND"

  Kịch bản: Văn bản mật số 01 và văn bản thường số 01 cùng năm đều vào sổ được
    Cho văn thư đã vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025
    Khi văn thư vào sổ kế hoạch mật "Bảo đảm an ninh mạng trong dịp Ngày Chuyển đổi số" đã ký ngày 30/9/2025
    Thì kế hoạch "Bảo đảm an ninh mạng trong dịp Ngày Chuyển đổi số" được cấp số 1
    Và kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" được cấp số 1
    Và số, ký hiệu "01/KH-UBND" vẫn chỉ văn bản "Tổ chức Ngày Chuyển đổi số quốc gia"
    Và sổ kế hoạch mật năm 2025 đã cấp đến số 1 ngày 30/9/2025
    Và sổ kế hoạch năm 2025 đã cấp đến số 1 ngày 29/9/2025

  Kịch bản: Thu hồi văn bản không giải phóng số đã cấp
    Cho văn thư đã vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đã ký ngày 29/9/2025
    Và văn thư đã vào sổ kế hoạch "Hoạt động của các Tổ công nghệ số cộng đồng" đã ký ngày 1/10/2025
    Khi văn thư thu hồi văn bản "02/KH-UBND", lý do: Ban hành nhầm đối tượng
    Thì văn bản "02/KH-UBND" ở trạng thái "Đã thu hồi"
    Và kế hoạch "Hoạt động của các Tổ công nghệ số cộng đồng" được cấp số, ký hiệu "02/KH-UBND"
    Và sổ kế hoạch năm 2025 đã cấp đến số 2 ngày 1/10/2025
    Khi văn thư vào sổ kế hoạch "Triển khai phong trào Bình dân học vụ số" đã ký ngày 2/10/2025
    Thì kế hoạch "Triển khai phong trào Bình dân học vụ số" được cấp số, ký hiệu "03/KH-UBND"
